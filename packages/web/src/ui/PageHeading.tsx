import { useEffect, useRef, type ReactNode } from "react";

let pagesShown = 0;

/**
 * The page's one h1, and its document title. After a client-side navigation it takes focus,
 * so screen-reader and keyboard users start at the top of the new page.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const counted = useRef(false);
  useEffect(() => {
    if (counted.current) return;
    counted.current = true;
    pagesShown += 1;
    if (pagesShown > 1) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <title>{`${title} · Infoview`}</title>
      <h1 ref={ref} tabIndex={-1} className="page-heading">
        {children}
      </h1>
    </>
  );
}
