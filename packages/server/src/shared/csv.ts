/** A cell a spreadsheet would run as a formula (OWASP "CSV injection"): starts with = + - @, or with tab or CR. */
const FORMULA_START = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break, with a leading ' defusing formulas. */
export function csvCell(value: CsvValue): string {
  if (value == null) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF after every record, the header first. */
export function toCsv(header: readonly string[], rows: readonly CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}
