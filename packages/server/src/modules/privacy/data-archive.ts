import { strToU8, zipSync } from "fflate";
import { toCsv, type CsvValue } from "../../shared/csv";

/** One institution's document (DataExportService.institutionDocument) with the folder name it gets in the archive. */
export interface InstitutionPart {
  folder: string;
  document: Record<string, unknown>;
}

const README = `Everything Infoview holds about you.

identity.json                  your sign-in identity: name, addresses, language, sessions
<institution>/data.json        everything that institution's Infoview holds about you, by section
<institution>/<section>.csv    each list of data.json as a spreadsheet (UTF-8, RFC 4180)

Other people appear only by name. Dates are UTC, ISO 8601.
`;

function cell(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** The lists of a document (top level, or one level down as alumnus.requestsReceived), each as CSV. */
function csvFiles(document: Record<string, unknown>, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [key, value] of Object.entries(document)) {
    if (Array.isArray(value)) {
      const rows = value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v));
      const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      if (header.length === 0) continue;
      files[`${prefix}${key}.csv`] = toCsv(
        header,
        rows.map((r) => header.map((h) => cell(r[h]))),
      );
    } else if (value && typeof value === "object" && !prefix) {
      Object.assign(files, csvFiles(value as Record<string, unknown>, `${key}-`));
    }
  }
  return files;
}

/** A safe, readable folder name per institution (its slug), unique within the archive. */
export function folderName(slug: string, taken: Set<string>): string {
  const base = slug.replace(/[^a-z0-9-]+/gi, "-").slice(0, 60) || "institution";
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** The zip: README.txt, identity.json, and per institution its data.json and CSVs. Deterministic given its inputs. */
export function buildArchive(identity: Record<string, unknown> | null, parts: InstitutionPart[]): Uint8Array {
  const files: Record<string, Uint8Array> = { "README.txt": strToU8(README) };
  if (identity) files["identity.json"] = strToU8(JSON.stringify(identity, null, 2));
  for (const part of parts) {
    files[`${part.folder}/data.json`] = strToU8(JSON.stringify(part.document, null, 2));
    for (const [name, csv] of Object.entries(csvFiles(part.document))) files[`${part.folder}/${name}`] = strToU8(csv);
  }
  return zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}
