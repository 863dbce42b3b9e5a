import { Link } from "react-router-dom";

/** The wordmark; a link home that names the product for screen readers too. */
export function Logo() {
  return (
    <Link to="/" className="logo">
      <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" />
        <path d="M9 11.5a3.5 3.5 0 0 1 3.5-3.5h7a3.5 3.5 0 0 1 3.5 3.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4 4v-4.2A3.5 3.5 0 0 1 9 16.5z" />
      </svg>
      <span>Infoview</span>
    </Link>
  );
}
