import { useState } from "react";
import { CheckboxField } from "../../../ui/NativeFields";
import type { Report_RowFragment as ReportRow } from "../graphql/Reports.generated";
import { percent } from "./ReportSection";
import { t } from "../../../i18n";

/** Shown for a number the server withholds (too few students behind that period). */
const WITHHELD = "—";

interface Column {
  id: string;
  label: () => string;
  cell: (row: ReportRow) => string | number;
}

/** The report's columns after the group's name; each may be hidden with the Columns menu. */
export const REPORT_COLUMNS: Column[] = [
  { id: "students", label: () => t("advisor.reports.students"), cell: (r) => r.students ?? WITHHELD },
  {
    id: "requested",
    label: () => t("advisor.reports.requestedBefore"),
    cell: (r) => `${r.current?.requested ?? WITHHELD} (${r.previous?.requested ?? WITHHELD})`,
  },
  {
    id: "accepted",
    label: () => t("advisor.reports.accepted"),
    cell: (r) => (r.current ? `${r.current.accepted} · ${percent(r.current.acceptanceRate)}` : WITHHELD),
  },
  {
    id: "completed",
    label: () => t("advisor.reports.completed"),
    cell: (r) => (r.current ? `${r.current.completed} · ${percent(r.current.completionRate)}` : WITHHELD),
  },
  {
    id: "thanked",
    label: () => t("advisor.reports.thanked"),
    cell: (r) => (r.current ? `${r.current.thanked} · ${percent(r.current.thankYouRate)}` : WITHHELD),
  },
  { id: "noShows", label: () => t("advisor.reports.noShows"), cell: (r) => r.current?.noShows ?? WITHHELD },
  {
    id: "medianHours",
    label: () => t("advisor.reports.medianHoursTo"),
    cell: (r) => (r.current?.medianHoursToAnswer == null ? WITHHELD : Math.round(r.current.medianHoursToAnswer)),
  },
];

/** The columns left after hiding some, in the report's order. */
export const visibleColumns = (hidden: ReadonlySet<string>): Column[] => REPORT_COLUMNS.filter((c) => !hidden.has(c.id));

/**
 * The requests report as a table that fits the page: a Columns menu hides columns, and below ~700 px each row becomes a
 * card of labelled values (advisor.css), so nothing is cut off and the page never scrolls sideways.
 */
export function ReportTable({ rows }: { rows: ReportRow[] }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const columns = visibleColumns(hidden);
  const toggle = (id: string, shown: boolean) =>
    setHidden((h) => {
      const next = new Set(h);
      if (shown) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      <details className="columns-menu">
        <summary>{t("advisor.reports.columns")}</summary>
        <fieldset>
          <legend className="visually-hidden">{t("advisor.reports.columnsShown")}</legend>
          {REPORT_COLUMNS.map((c) => (
            <CheckboxField key={c.id} label={c.label()} checked={!hidden.has(c.id)} onChange={(shown) => toggle(c.id, shown)} />
          ))}
        </fieldset>
      </details>
      <div className="table-wrap" role="region" aria-label={t("advisor.reports.requestsReportTable")} tabIndex={0}>
        <table className="table report-table">
          <thead>
            <tr>
              <th scope="col">{t("advisor.reports.group")}</th>
              {columns.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label()}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key ?? row.label}>
                <th scope="row">{row.label}</th>
                {columns.map((c) => (
                  <td key={c.id} data-label={c.label()}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
