import type { ReactNode } from "react";
import { PageHeading } from "../../../ui/PageHeading";

/** The card every page before sign-in uses. */
export function AuthCard({ title, heading, children }: { title: string; heading: string; children: ReactNode }) {
  return (
    <div className="auth-layout">
      <div className="card auth-card">
        <PageHeading title={title}>{heading}</PageHeading>
        {children}
      </div>
    </div>
  );
}
