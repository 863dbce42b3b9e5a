import { useCallback, useState, type ReactNode } from "react";

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

/** What an Alert shows: the message, its tone, and a counter so the same message is announced again. */
export interface Announcement {
  message: string;
  tone: "error" | "info";
  n: number;
}

/** Shows a message in an Alert: information by default, or an error. */
export type Say = (message: string, tone?: "error" | "info") => void;

/** The state behind an Alert: `say` shows a message (and announces it again when repeated). */
export function useAnnouncer(): [Announcement | null, Say] {
  const [status, setStatus] = useState<Announcement | null>(null);
  const say = useCallback(
    (message: string, tone: "error" | "info" = "info") => setStatus((p) => ({ message, tone, n: (p?.n ?? 0) + 1 })),
    [],
  );
  return [status, say];
}
