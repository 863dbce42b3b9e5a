import type { PersonKind } from "../../graphql/types.generated";
import { formatNumber } from "../../lib/time";
import { t } from "../../i18n";

/** The columns the server reads (packages/server/src/modules/integrations/people-import.service.ts). */
const SHARED_COLUMNS = ["externalId", "email", "displayName", "classYear", "major"] as const;
/** directoryBlock: the FERPA directory block (true/false, yes/no, 1/0; empty leaves it as it is), students only. */
export const STUDENT_COLUMNS = [...SHARED_COLUMNS, "directoryBlock"] as const;
export const ALUMNUS_COLUMNS = [...SHARED_COLUMNS, "employer", "title"] as const;
const REQUIRED = ["externalId", "email", "displayName"];
/** Header spellings the server accepts for each column (case, spaces, dashes and underscores ignored). */
const ALIASES: Record<string, string> = {
  externalid: "externalId",
  id: "externalId",
  email: "email",
  displayname: "displayName",
  name: "displayName",
  classyear: "classYear",
  major: "major",
  employer: "employer",
  title: "title",
  jobtitle: "title",
  directoryblock: "directoryBlock",
  ferpablock: "directoryBlock",
};
/** The server's limit on rows per import. */
export const MAX_IMPORT_ROWS = 50_000;

export function columnsFor(kind: PersonKind): readonly string[] {
  return kind === "ALUMNUS" ? ALUMNUS_COLUMNS : STUDENT_COLUMNS;
}

/** A small example file for the chosen roster. */
export function sampleCsv(kind: PersonKind): string {
  const header = columnsFor(kind).join(",");
  return kind === "ALUMNUS"
    ? `${header}\nA-1001,ana.lima@alumni.example.edu,Ana Lima,2015,Economics,Riverbank Credit Union,Analyst\n`
    : `${header}\nS-2001,sam.ortiz@example.edu,Sam Ortiz,2027,History,no\n`;
}

/** The cells of the first line of a CSV text (quotes honoured; enough to check the header). */
export function headerCells(csv: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") break;
    else cell += c;
  }
  cells.push(cell);
  return cells.map((s) => s.trim());
}

/** Data lines in the text (non-empty lines after the header; quoted line breaks are rare in rosters). */
export function rowCount(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((line) => line.trim() !== "").length - 1);
}

/** What stops this text from being imported as the given roster, checked as the person types; null when it looks right. */
export function csvProblem(kind: PersonKind, csv: string): string | null {
  if (!csv.trim()) return t("admin.csv.chooseFile");
  const header = headerCells(csv.replace(/^\uFEFF/, ""));
  const fields = header.map((h) => ALIASES[h.toLowerCase().replace(/[\s_-]/g, "")]);
  const unknown = header.filter(
    (h, i) =>
      !fields[i] ||
      (kind === "STUDENT" && (fields[i] === "employer" || fields[i] === "title")) ||
      (kind === "ALUMNUS" && fields[i] === "directoryBlock"),
  );
  if (unknown.length > 0) {
    const names = unknown.map((u) => (u ? `“${u}”` : t("admin.csv.emptyColumn"))).join(", ");
    return t("admin.csv.unknownColumns", { names, columns: columnsFor(kind).join(", ") });
  }
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (missing.length > 0) return t("admin.csv.missingColumns", { count: missing.length, columns: missing.join(", ") });
  const rows = rowCount(csv);
  if (rows === 0) return t("admin.csv.noRows");
  if (rows > MAX_IMPORT_ROWS) return t("admin.csv.tooManyRows", { max: formatNumber(MAX_IMPORT_ROWS) });
  return null;
}
