import type { ReactNode } from "react";

/**
 * A live region that is always in the page, so screen readers announce what appears in it.
 * Pass a new `announcementKey` to announce the same message again (e.g. a repeated failure).
 */
export function Alert({
  children,
  announcementKey,
  tone = "error",
}: {
  children?: ReactNode;
  announcementKey?: number | string;
  tone?: "error" | "info";
}) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className="alert-region">
      {children ? (
        <p key={announcementKey} className={`alert alert-${tone}`}>
          {children}
        </p>
      ) : null}
    </div>
  );
}
