import { migrationsSourceDir, recordNewChecksums } from "./migration-checksums";

/** `npm run db:checksums`: records the checksum of each new migration in migrations/checksums.json (ADR 0015). */
const dir = migrationsSourceDir();
const report = recordNewChecksums(dir);
if (report.changed.length || report.missing.length) {
  for (const f of report.changed) console.error(`${f} changed after it landed: migrations are frozen, write a new one instead`);
  for (const f of report.missing) console.error(`${f} is recorded but gone: a landed migration is never deleted or renamed`);
  console.error("checksums.json left as it was");
  process.exitCode = 1;
} else {
  for (const f of report.added) console.log(`recorded ${f}`);
  if (!report.added.length) console.log("every migration is recorded");
}
