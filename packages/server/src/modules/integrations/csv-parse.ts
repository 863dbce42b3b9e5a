/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" is a quote inside them; quoted
 * fields may span lines), CRLF or LF line ends. Returns the records; throws CsvSyntaxError with the line.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
            throw new CsvSyntaxError(line, "text after a closing quote");
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
    } else {
      if (c === '"') throw new CsvSyntaxError(line, "a quote inside an unquoted field");
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(line, "a quoted field is not closed");
  if (field !== "" || record.length > 0) endRecord();
  return records;
}
