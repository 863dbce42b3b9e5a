import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Migrations are frozen (ADR 0015): each holds the SQL it runs and imports no code that could change it, and this file's
 * companion, migrations/checksums.json, keeps a SHA-256 of every landed migration's source. migrations.test.ts fails when
 * a landed migration changes or a new one is not listed; `npm run db:checksums` lists new ones and never rewrites one.
 */
export const MIGRATION_FILE = /^\d{13}-[A-Za-z0-9]+\.ts$/;

/** The migration sources: next to this file when run from src/ (tests), or ../../src/db/migrations from dist/db (the CLI). */
export function migrationsSourceDir(): string {
  const beside = path.join(__dirname, "migrations");
  const hasSources = (dir: string) => existsSync(dir) && readdirSync(dir).some((f) => MIGRATION_FILE.test(f));
  if (hasSources(beside)) return beside;
  const fromDist = path.resolve(__dirname, "..", "..", "src", "db", "migrations");
  if (hasSources(fromDist)) return fromDist;
  throw new Error(`no migration sources beside ${__dirname}`);
}

export const checksumsFile = (dir: string) => path.join(dir, "checksums.json");

/** SHA-256 of a migration's source, line endings normalised so a checkout with CRLF gives the same sum. */
export function checksum(source: string): string {
  return createHash("sha256").update(source.replace(/\r\n/g, "\n")).digest("hex");
}

/** Every migration file in the folder, oldest first, with its checksum now. */
export function currentChecksums(dir: string): Record<string, string> {
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  return Object.fromEntries(files.map((f) => [f, checksum(readFileSync(path.join(dir, f), "utf8"))]));
}

export function recordedChecksums(dir: string): Record<string, string> {
  const file = checksumsFile(dir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
}

export interface ChecksumReport {
  /** In the folder, not yet in checksums.json. */
  added: string[];
  /** In checksums.json with another sum: a landed migration was edited. */
  changed: string[];
  /** In checksums.json, gone from the folder: a landed migration was deleted or renamed. */
  missing: string[];
}

export function compareChecksums(dir: string): ChecksumReport {
  const now = currentChecksums(dir);
  const recorded = recordedChecksums(dir);
  return {
    added: Object.keys(now).filter((f) => !(f in recorded)),
    changed: Object.keys(now).filter((f) => f in recorded && recorded[f] !== now[f]),
    missing: Object.keys(recorded).filter((f) => !(f in now)),
  };
}

/** Adds the new migrations' sums; refuses (and writes nothing) when a landed migration changed or disappeared. */
export function recordNewChecksums(dir: string): ChecksumReport {
  const report = compareChecksums(dir);
  if (report.changed.length || report.missing.length) return report;
  const now = currentChecksums(dir);
  const recorded = recordedChecksums(dir);
  const merged = Object.fromEntries(
    [...new Set([...Object.keys(recorded), ...report.added])].sort().map((f) => [f, recorded[f] ?? now[f]]),
  );
  writeFileSync(checksumsFile(dir), JSON.stringify(merged, null, 2) + "\n");
  return report;
}
