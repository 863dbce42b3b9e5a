import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { describeError, type MessageFor } from "../../../lib/errors";
import { Alert } from "../../../ui/Alert";
import { Loading } from "../../../ui/Loading";
import { takeHashParams } from "../hash-params";
import { AuthCard } from "./AuthCard";
import { t } from "../../../i18n";

interface Props {
  title: string;
  heading: string;
  /** The fragment parameter that carries the code or token. */
  param: string;
  busyLabel: string;
  messages?: Record<string, MessageFor>;
  /** Trades the code or token; returns what to show once done (or navigates away itself). */
  run: (value: string, params: URLSearchParams) => Promise<ReactNode>;
}

/** A page a link or a redirect lands on: it spends the token in the fragment once and says how it went. */
export function TokenLandingPage({ title, heading, param, busyLabel, messages, run }: Props) {
  const [state, setState] = useState<{ kind: "busy" } | { kind: "done"; body: ReactNode } | { kind: "failed"; message: string }>({
    kind: "busy",
  });
  const started = useRef(false);
  useEffect(() => {
    // Once: a token spent twice would fail the second time (React runs effects twice in development).
    if (started.current) return;
    started.current = true;
    const params = takeHashParams();
    const value = params.get(param);
    if (!value) {
      setState({ kind: "failed", message: t("identity.token.incomplete") });
      return;
    }
    run(value, params).then(
      (body) => setState({ kind: "done", body }),
      (error) => setState({ kind: "failed", message: describeError(error, messages).message }),
    );
  }, [param, run, messages]);

  return (
    <AuthCard title={title} heading={heading}>
      {state.kind === "busy" && <Loading label={busyLabel} />}
      {state.kind === "done" && state.body}
      {state.kind === "failed" && (
        <>
          <Alert>{state.message}</Alert>
          <p>
            <Link to="/sign-in">{t("identity.tokenLanding.backToSignIn")}</Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}
