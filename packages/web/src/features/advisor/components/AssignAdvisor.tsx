import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { SelectField } from "../../../ui/NativeFields";
import { ErrorState } from "../../../ui/StateMessages";
import { AdvisorAssignAdvisorDocument, AdvisorStudentAssignmentDocument } from "../graphql/Students.generated";
import { t } from "../../../i18n";

/** Whose caseload the student is on, and changing it (assignAdvisor; recorded in the audit log). */
export function AssignAdvisor({ studentMembershipId, studentName }: { studentMembershipId: string; studentName: string | null }) {
  const { data, loading, error, refetch } = useQuery(AdvisorStudentAssignmentDocument, { variables: { studentMembershipId } });
  const [assign, { loading: saving }] = useMutation(AdvisorAssignAdvisorDocument, { refetchQueries: [AdvisorStudentAssignmentDocument] });
  const [choice, setChoice] = useState<string | null>(null);
  const [status, say] = useAnnouncer();
  const current = data?.studentAssignment.advisorMembershipId ?? "";
  const value = choice ?? current;
  const advisors = data?.caseloadAdvisors ?? [];
  const nameOf = (id: string) => advisors.find((a) => a.membershipId === id)?.displayName ?? "";

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await assign({ variables: { studentMembershipId, advisorMembershipId: value || null } });
      setChoice(null);
      say(assignedMessage(studentName, value ? nameOf(value) : null), "info");
    } catch (e) {
      say(describeError(e).message);
    }
  }

  return (
    <section className="card" aria-labelledby="advisor-heading">
      <h2 id="advisor-heading">{t("advisor.assign.heading")}</h2>
      {error && !data ? (
        <ErrorState error={error} title={t("advisor.assign.couldNotLoad")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("advisor.assign.loading")} />
      ) : (
        <form className="row-fields" onSubmit={(e) => void save(e)}>
          <SelectField
            label={t("advisor.assign.advisor")}
            value={value}
            onChange={setChoice}
            placeholder={t("advisor.assign.none")}
            options={advisors.map((a) => ({
              value: a.membershipId,
              label: t("advisor.assign.option", { name: a.displayName, count: a.students }),
            }))}
          />
          <div>
            <Button type="submit" isDisabled={value === current} busyLabel={saving ? t("advisor.assign.saving") : null}>
              {t("advisor.assign.save")}
            </Button>
          </div>
        </form>
      )}
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </section>
  );
}

/** What saving says: who is on whose caseload now (the student's name only when they share it). */
export function assignedMessage(student: string | null, advisor: string | null): string {
  if (advisor) return student ? t("advisor.assign.assigned", { student, advisor }) : t("advisor.assign.assignedUnnamed", { advisor });
  return student ? t("advisor.assign.unassigned", { student }) : t("advisor.assign.unassignedUnnamed");
}
