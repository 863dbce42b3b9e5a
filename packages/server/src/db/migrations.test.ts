import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  compareChecksums,
  currentChecksums,
  MIGRATION_FILE,
  migrationsSourceDir,
  recordedChecksums,
  recordNewChecksums,
} from "./migration-checksums";
import { migrations } from "./migrations";

const dir = migrationsSourceDir();
const files = readdirSync(dir)
  .filter((f) => MIGRATION_FILE.test(f))
  .sort();

describe("migrations are frozen (ADR 0015)", () => {
  test("every migration is recorded in migrations/checksums.json", () => {
    const { added } = compareChecksums(dir);
    if (added.length) {
      throw new Error(`not in migrations/checksums.json: ${added.join(", ")}. Run \`npm run db:checksums\` once the migration is final.`);
    }
  });

  test("no landed migration changed or disappeared", () => {
    const { changed, missing } = compareChecksums(dir);
    const problems = [
      ...changed.map((f) => `${f} changed after it landed: restore it and write a new migration instead`),
      ...missing.map((f) => `${f} is recorded but gone: a landed migration is never deleted or renamed`),
    ];
    expect(problems).toEqual([]);
  });

  test("each migration holds the SQL it runs: it imports only typeorm's types and other (frozen) migrations", () => {
    const outside = files.flatMap((f) =>
      [...readFileSync(path.join(dir, f), "utf8").matchAll(/^\s*(import|export)\b[^;]*?from\s+"([^"]+)"/gm)]
        .filter(
          ([statement, , spec]) => !(spec === "typeorm" && /^\s*import type\b/.test(statement)) && !/^\.\/\d{13}-[A-Za-z0-9]+$/.test(spec),
        )
        .map(([, , spec]) => `${f} imports ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  test("every migration file runs: listed in migrations/index.ts under its own class, in order", () => {
    const names = migrations.map((m) => m.name);
    expect(names).toEqual(files.map((f) => f.replace(/^(\d+)-(\w+)\.ts$/, "$2$1")));
  });
});

describe("the checksum record (npm run db:checksums)", () => {
  let copy: string;
  beforeEach(() => {
    copy = mkdtempSync(path.join(tmpdir(), "infoview-migrations-"));
    cpSync(dir, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  test("sees an edited migration, a new one and a removed one", () => {
    const [first, second] = files;
    writeFileSync(path.join(copy, first), readFileSync(path.join(copy, first), "utf8").replace("CREATE TABLE", "CREATE UNLOGGED TABLE"));
    rmSync(path.join(copy, second));
    writeFileSync(path.join(copy, "1999999999999-Later.ts"), "export {};\n");
    expect(compareChecksums(copy)).toEqual({ added: ["1999999999999-Later.ts"], changed: [first], missing: [second] });
  });

  test("records new migrations and never rewrites a landed one", () => {
    writeFileSync(path.join(copy, "1999999999999-Later.ts"), "export {};\n");
    expect(recordNewChecksums(copy).added).toEqual(["1999999999999-Later.ts"]);
    expect(recordedChecksums(copy)).toEqual(currentChecksums(copy));

    const before = readFileSync(path.join(copy, "checksums.json"), "utf8");
    writeFileSync(path.join(copy, files[0]), "export {};\n");
    expect(recordNewChecksums(copy).changed).toEqual([files[0]]);
    expect(readFileSync(path.join(copy, "checksums.json"), "utf8")).toBe(before);
  });

  test("a line-ending change is not a change", () => {
    const file = path.join(copy, files[0]);
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    expect(compareChecksums(copy).changed).toEqual([]);
  });
});
