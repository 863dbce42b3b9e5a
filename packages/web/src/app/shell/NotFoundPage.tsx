import { Link } from "react-router-dom";
import { PageHeading } from "../../ui/PageHeading";

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeading title="Page not found">We couldn't find that page</PageHeading>
      <p className="lede">The address may be mistyped, or the page may have moved.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}
