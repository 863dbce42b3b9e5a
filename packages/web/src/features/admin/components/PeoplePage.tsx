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
      say(`Invitation sent to ${email}.`, "info");
    } catch (failure) {
      const described = describeError(failure);
      form.setServerErrors(described.fields);
      say(described.message, "error");
    }
  }

  async function onRevoke(id: string, email: string) {
    try {
      await revoke({ variables: { id } });
      say(`The invitation to ${email} is revoked; its link no longer works.`, "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <div className="page">
      <PageHeading title="People">People</PageHeading>
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <form className="form" noValidate onSubmit={onSubmit} aria-label="Invite someone">
          <div className="row-fields">
            <TextField {...form.fieldProps("email")} label="Email" type="email" autoComplete="off" isRequired />
            <SelectField {...form.fieldProps("role")} label="Role" options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </div>
          <div className="actions">
            <Button type="submit" busyLabel={inviting.loading ? "Sending…" : null}>
              Send invitation
            </Button>
          </div>
        </form>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
      </section>
      <section className="card" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting to join</h2>
        {error && !data ? (
          <ErrorState error={error} title="We couldn't load the invitations" onRetry={() => void refetch()} />
        ) : !data ? (
          loading && <Loading label="Loading invitations…" />
        ) : data.invitations.length === 0 ? (
          <EmptyState title="No open invitations">
            <p>Everyone you invited has joined, or you haven't invited anyone yet.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="pending-heading" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
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
                        aria-label={`Revoke the invitation to ${i.email}`}
                      >
                        Revoke
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
        <h2 id="import-heading">Import from a CSV file</h2>
        <p>
          To add or update many students and alumni at once, <Link to="/admin/import">import them from a CSV file</Link>.
        </p>
      </section>
    </div>
  );
}
