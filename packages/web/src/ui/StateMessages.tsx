import type { ReactNode } from "react";
import { describeError } from "../lib/errors";
import { Button } from "./Button";
import { t } from "../i18n";

/** A section that could not load: what happened in plain words, and a way to try again. */
export function ErrorState({
  error,
  title = t("ui.stateMessages.thisDidnTLoad"),
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p>{describeError(error).message}</p>
      {onRetry && (
        <Button variant="secondary" onPress={onRetry}>
          {t("ui.stateMessages.tryAgain")}
        </Button>
      )}
    </div>
  );
}

/** Nothing to show yet, said kindly, with what would change that. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}
