import { useMutation, useQuery } from "@apollo/client/react";
import type { FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Role } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { validateEmail } from "../../../lib/validation";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { ROLE_LABELS, ROLE_ORDER } from "../../../lib/auth/roles";
import { InviteMemberDocument, InvitationsDocument, RevokeInvitationDocument } from "../graphql/Admin.generated";
import { PeopleStatusSection } from "./PeopleStatusSection";
import { formatDate } from "../../../lib/time";
import { rich, t } from "../../../i18n";

const dateOf = (iso: string) => formatDate(iso);

/** Invite people by email, see who hasn't joined yet, revoke invitations, and deactivate or reactivate students and alumni. */
export function PeoplePage({ roles = ROLE_ORDER }: { roles?: Role[] }) {
  const { data, loading, error, refetch } = useQuery(InvitationsDocument);
  const [invite, inviting] = useMutation(InviteMemberDocument, { refetchQueries: [InvitationsDocument] });
  const [revoke] = useMutation(RevokeInvitationDocument, { refetchQueries: [InvitationsDocument] });
  const form = useDraftForm("invite-member", { email: "", role: "STUDENT" }, { email: (v) => validateEmail(String(v)) });
  const [status, say] = useAnnouncer();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    const email = form.values.email.trim();
    try {
      await invite({ variables: { input: { email, role: form.values.role as Role } } });
      form.reset({ email: "", role: form.values.role });
      say(t("admin.people.invitationSent", { email }), "info");
    } catch (failure) {
      const described = describeError(failure);
      form.setServerErrors(described.fields);
      say(described.message, "error");
    }
  }

  async function onRevoke(id: string, email: string) {
    try {
      await revoke({ variables: { id } });
      say(t("admin.people.invitationRevoked", { email }), "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <div className="page">
      <PageHeading title={t("admin.people.people")}>{t("admin.people.people")}</PageHeading>
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("admin.people.inviteSomeone")}</h2>
        <form className="form" noValidate onSubmit={onSubmit} aria-label={t("admin.people.inviteSomeone")}>
          <div className="row-fields">
            <TextField {...form.fieldProps("email")} label={t("admin.people.email")} type="email" autoComplete="off" isRequired />
            <SelectField
              {...form.fieldProps("role")}
              label={t("admin.people.role")}
              options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            />
          </div>
          <div className="actions">
            <Button type="submit" busyLabel={inviting.loading ? t("admin.people.sending") : null}>
              {t("admin.people.sendInvitation")}
            </Button>
          </div>
        </form>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
      </section>
      <section className="card" aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t("admin.people.waitingToJoin")}</h2>
        {error && !data ? (
          <ErrorState error={error} title={t("admin.people.weCouldnT")} onRetry={() => void refetch()} />
        ) : !data ? (
          loading && <Loading label={t("admin.people.loadingInvitations")} />
        ) : data.invitations.length === 0 ? (
          <EmptyState title={t("admin.people.noOpenInvitations")}>
            <p>{t("admin.people.everyoneYouInvited")}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="pending-heading" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.people.email")}</th>
                  <th scope="col">{t("admin.people.role")}</th>
                  <th scope="col">{t("admin.people.sent")}</th>
                  <th scope="col">{t("admin.people.expires")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("admin.people.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.invitations.map((i) => (
                  <tr key={i.id}>
                    <td className="break">{i.email}</td>
                    <td>{ROLE_LABELS[i.role]}</td>
                    <td>{dateOf(i.createdAt)}</td>
                    <td>{dateOf(i.expiresAt)}</td>
                    <td>
                      <Button
                        variant="quiet"
                        onPress={() => void onRevoke(i.id, i.email)}
                        aria-label={t("admin.people.revokeInvitation", { email: i.email })}
                      >
                        {t("admin.people.revoke")}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <PeopleStatusSection />
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t("admin.people.importFromA")}</h2>
        <p>{rich("admin.people.toAddOr", { link: (chunks) => <Link to="/admin/import">{chunks}</Link> })}</p>
      </section>
    </div>
  );
}
