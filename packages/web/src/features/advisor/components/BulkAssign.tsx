import { useApolloClient, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { Button } from "../../../ui/Button";
import { SelectField } from "../../../ui/NativeFields";
import type { Say } from "../../../ui/Alert";
import { AdvisorAssignAdvisorDocument, AdvisorCaseloadAdvisorsDocument, AdvisorStudentRosterDocument } from "../graphql/Students.generated";
import { t } from "../../../i18n";

/**
 * Assigning the students ticked in the table to one advisor (or to none): assignAdvisor for each, so each change is
 * recorded in the audit log as it is from the student's page. Stops at the first refusal and says how many were done.
 */
export function BulkAssign({ selected, onDone, say }: { selected: string[]; onDone: () => void; say: Say }) {
  const client = useApolloClient();
  const { data } = useQuery(AdvisorCaseloadAdvisorsDocument);
  const [advisor, setAdvisor] = useState("");
  const [busy, setBusy] = useState(false);
  const advisors = data?.caseloadAdvisors ?? [];
  const name = advisors.find((a) => a.membershipId === advisor)?.displayName ?? "";

  async function assign(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    let done = 0;
    try {
      for (const studentMembershipId of selected) {
        await client.mutate({
          mutation: AdvisorAssignAdvisorDocument,
          variables: { studentMembershipId, advisorMembershipId: advisor || null },
        });
        done += 1;
      }
      say(advisor ? t("advisor.bulk.assigned", { count: done, advisor: name }) : t("advisor.bulk.unassigned", { count: done }), "info");
    } catch (error) {
      say(t("advisor.bulk.stopped", { count: done, reason: describeError(error).message }));
    } finally {
      setBusy(false);
      onDone();
      // The table and the caseload sizes show the change; a refetch cut short (the page left) changes nothing.
      Promise.resolve(client.refetchQueries({ include: [AdvisorStudentRosterDocument, AdvisorCaseloadAdvisorsDocument] })).catch(
        () => undefined,
      );
    }
  }

  return (
    <form className="bulk-assign" aria-label={t("advisor.bulk.label")} onSubmit={(e) => void assign(e)}>
      <p>{t("advisor.bulk.selected", { count: selected.length })}</p>
      <SelectField
        label={t("advisor.bulk.assignTo")}
        value={advisor}
        onChange={setAdvisor}
        placeholder={t("advisor.assign.none")}
        options={advisors.map((a) => ({
          value: a.membershipId,
          label: t("advisor.assign.option", { name: a.displayName, count: a.students }),
        }))}
      />
      <div>
        <Button type="submit" busyLabel={busy ? t("advisor.assign.saving") : null}>
          {t("advisor.bulk.assign")}
        </Button>
      </div>
    </form>
  );
}
