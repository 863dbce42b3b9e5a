import { Link } from "react-router-dom";
import type { StudentNeedsAction, StudentRosterSort } from "../../../graphql/types.generated";
import { formatDate, relativeDays } from "../../../lib/time";
import { t, translatedLabels } from "../../../i18n";
import type { AdvisorStudentRosterQuery } from "../graphql/Students.generated";
import { ariaSort, orderedNeeds, type RosterSort } from "../lib/roster-table";

type Row = AdvisorStudentRosterQuery["studentRoster"]["edges"][number]["node"];

const NEEDS_LABELS: Record<StudentNeedsAction, string> = translatedLabels({
  INACTIVE: "advisor.roster.needs.inactive",
  THANK_YOU_OVERDUE: "advisor.roster.needs.thankYouOverdue",
  REQUEST_EXPIRING: "advisor.roster.needs.requestExpiring",
  MEETING_UNSETTLED: "advisor.roster.needs.meetingUnsettled",
});

/** A column header that sorts: a button inside the th, which carries aria-sort while it is the sorted column. */
function SortHeader({
  column,
  label,
  order,
  onSort,
}: {
  column: StudentRosterSort;
  label: string;
  order: RosterSort;
  onSort: (c: StudentRosterSort) => void;
}) {
  const state = ariaSort(order, column);
  return (
    <th scope="col" aria-sort={state}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {state === "ascending" ? "▲" : state === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}

/** The advisors' students table: each student with their class year, last activity, needs-action lists and advisor. */
export function RosterTable({
  rows,
  order,
  onSort,
  selected,
  onSelect,
}: {
  rows: Row[];
  order: RosterSort;
  onSort: (column: StudentRosterSort) => void;
  /** The students ticked for assigning to an advisor. */
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
}) {
  const allTicked = rows.length > 0 && rows.every((r) => selected.has(r.membershipId));
  const notShared = t("advisor.roster.notShared");
  return (
    <div className="table-wrap" role="region" aria-label={t("advisor.students.students")} tabIndex={0}>
      <table className="table roster-table">
        <caption className="visually-hidden">{t("advisor.roster.caption", { count: rows.length })}</caption>
        <thead>
          <tr>
            <td className="select-cell">
              <input
                type="checkbox"
                aria-label={t("advisor.bulk.selectAll")}
                checked={allTicked}
                onChange={(e) =>
                  onSelect(
                    rows.map((r) => r.membershipId),
                    e.target.checked,
                  )
                }
              />
            </td>
            <SortHeader column="NAME" label={t("advisor.students.name")} order={order} onSort={onSort} />
            <SortHeader column="CLASS_YEAR" label={t("advisor.students.classYear")} order={order} onSort={onSort} />
            <SortHeader column="LAST_ACTIVITY" label={t("advisor.roster.lastActivity")} order={order} onSort={onSort} />
            <SortHeader column="NEEDS_ACTION" label={t("advisor.roster.needsAction")} order={order} onSort={onSort} />
            <th scope="col">{t("advisor.roster.advisor")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.membershipId}>
              <td className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t("advisor.bulk.select", { name: s.displayName })}
                  checked={selected.has(s.membershipId)}
                  onChange={(e) => onSelect([s.membershipId], e.target.checked)}
                />
              </td>
              <th scope="row">
                <Link to={`/advisor/students/${s.membershipId}`}>{s.displayName}</Link>
                {s.major && <div className="fine-print">{s.major}</div>}
              </th>
              <td>{s.sharesWithAdvisors ? (s.classYear ?? "—") : notShared}</td>
              <td>
                {!s.sharesWithAdvisors ? (
                  notShared
                ) : s.lastActivityAt ? (
                  <time dateTime={s.lastActivityAt} title={formatDate(s.lastActivityAt)}>
                    {relativeDays(s.lastActivityAt)}
                  </time>
                ) : (
                  t("advisor.roster.noActivity")
                )}
              </td>
              <td>
                {!s.needsAction ? (
                  notShared
                ) : s.needsAction.length === 0 ? (
                  "—"
                ) : (
                  <ul className="badge-list">
                    {orderedNeeds(s.needsAction).map((kind) => (
                      <li key={kind} className="badge">
                        {NEEDS_LABELS[kind]}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{s.advisorName ?? t("advisor.roster.noAdvisor")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
