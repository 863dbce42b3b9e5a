import { Button as AriaButton, type ButtonProps as AriaButtonProps } from "react-aria-components";

export interface ButtonProps extends Omit<AriaButtonProps, "className" | "isPending"> {
  variant?: "primary" | "secondary" | "quiet";
  wide?: boolean;
  /** While set, the button shows this text and a screen-reader status says it too. */
  busyLabel?: string | null;
}

/**
 * A button with the house look. For work in progress use `busyLabel` rather than React Aria's
 * `isPending`: its announcement points at the button by id, and when the page changes (as after
 * signing in) that id is gone, leaving an unnamed live region behind.
 */
export function Button({ variant = "primary", wide = false, busyLabel = null, children, ...props }: ButtonProps) {
  const busy = Boolean(busyLabel);
  return (
    <>
      <AriaButton {...props} data-busy={busy || undefined} className={`button button-${variant}${wide ? " button-wide" : ""}`}>
        {busy ? busyLabel : children}
      </AriaButton>
      <span role="status" className="visually-hidden">
        {busyLabel}
      </span>
    </>
  );
}
