import { useQuery } from "@apollo/client/react";
import type { OutcomeKind, ReportPeriod } from "../../../graphql/types.generated";
import { formatNumber } from "../../../lib/time";
import { t, type MessageId } from "../../../i18n";
import { LoadError, Loading } from "../../../ui/QueryState";
import { AdvisorOutcomeReportDocument } from "../graphql/OutcomeReport.generated";

const OUTCOME_LABELS: Record<OutcomeKind, MessageId> = {
  PURSUING_FIELD: "advisor.outcomes.kind.PURSUING_FIELD",
  LEAVING_FIELD: "advisor.outcomes.kind.LEAVING_FIELD",
  FURTHER_INTRODUCTION: "advisor.outcomes.kind.FURTHER_INTRODUCTION",
  INTERNSHIP_OFFER: "advisor.outcomes.kind.INTERNSHIP_OFFER",
  JOB_OFFER: "advisor.outcomes.kind.JOB_OFFER",
  OTHER: "advisor.outcomes.kind.OTHER",
};

/**
 * What came of the conversations, as students recorded it: each kind this period and the one before. A kind with too
 * few students behind it (or one that would let another be derived) shows as withheld, never as a number.
 */
export function OutcomeReportSection({
  period,
  date,
  advisorMembershipId,
}: {
  period: ReportPeriod;
  /** Any moment in the period (ISO); now when null. */
  date: string | null;
  advisorMembershipId: string | null;
}) {
  const { data, loading, error, refetch } = useQuery(AdvisorOutcomeReportDocument, {
    variables: { period, date, advisorMembershipId },
    fetchPolicy: "cache-and-network",
  });
  const count = (value: number | null | undefined, suppressed: boolean) =>
    suppressed || value === null || value === undefined ? t("advisor.outcomes.withheld") : formatNumber(value);

  return (
    <section className="card" aria-labelledby="outcome-report-heading">
      <h2 id="outcome-report-heading">{t("advisor.outcomes.title")}</h2>
      <p className="fine-print">{t("advisor.outcomes.intro")}</p>
      {!data && loading && <Loading label={t("advisor.outcomes.loading")} />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what={t("advisor.outcomes.what")} />}
      {data &&
        (data.outcomeReport.length === 0 ? (
          <p>{t("advisor.outcomes.none")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="outcome-report-heading" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("advisor.outcomes.kind")}</th>
                  <th scope="col">{t("advisor.outcomes.current")}</th>
                  <th scope="col">{t("advisor.outcomes.previous")}</th>
                </tr>
              </thead>
              <tbody>
                {data.outcomeReport.map((row) => (
                  <tr key={row.kind}>
                    <th scope="row">{t(OUTCOME_LABELS[row.kind])}</th>
                    <td>{count(row.current, row.suppressed)}</td>
                    <td>{count(row.previous, row.suppressed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
