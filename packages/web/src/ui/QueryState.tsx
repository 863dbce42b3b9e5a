import "./controls.css";
import type { ReactNode } from "react";
import { describeError } from "../lib/errors";
import { Button } from "./Button";
import { Loading } from "./Loading";
import { t } from "../i18n";

/**
 * The three states every screen has besides "here is your data": still loading, failed
 * (with what happened in plain words and a way to try again), and nothing to show yet.
 */
export function LoadError({ error, retry, what }: { error: unknown; retry?: () => void; what: string }) {
  return (
    <div className="card state-card" role="alert">
      <h2 className="state-title">{t("ui.queryState.couldNotLoad", { what })}</h2>
      <p>{describeError(error).message}</p>
      {retry && (
        <div className="actions">
          <Button variant="secondary" onPress={retry}>
            {t("ui.queryState.tryAgain")}
          </Button>
        </div>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="card state-card">
      <h2 className="state-title">{title}</h2>
      {children}
    </div>
  );
}

export { Loading };
