import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import { hasRole, type Viewer } from "../../auth/viewer";
import { badInput, forbidden, type FieldError } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { personActor, recordAudit } from "../audit";
import type { AcademicTerm, AcademicTermInput } from "./academic-terms.types";

/** A real calendar day (2026-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/**
 * The institution's academic calendar (reports' TERM period follows it: report-sql.ts, periodsSql). Staff read it;
 * admins replace it as a whole, recorded in the audit log with the calendar before and after.
 */
export class AcademicTermsService {
  constructor(private readonly deps: ServiceDeps) {}

  list(viewer: Viewer): Promise<AcademicTerm[]> {
    if (!hasRole(viewer, "ADVISOR", "ADMIN")) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, (m) => this.read(m, viewer.institutionId));
  }

  async replace(viewer: Viewer, terms: AcademicTermInput[]): Promise<AcademicTerm[]> {
    if (!hasRole(viewer, "ADMIN")) throw forbidden();
    const given = terms.map((t) => ({ name: t.name.trim(), startsOn: t.startsOn }));
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    given.forEach((t, i) => {
      if (!isCalendarDay(t.startsOn)) errors.push({ field: `terms.${i}.startsOn`, message: "Use a real date like 2026-08-24." });
      const other = seen.get(t.startsOn);
      if (other !== undefined) errors.push({ field: `terms.${i}.startsOn`, message: `Term ${other + 1} starts on the same day.` });
      seen.set(t.startsOn, i);
    });
    if (errors.length > 0) throw badInput(errors);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const before = await this.read(m, viewer.institutionId);
      await m.query(`DELETE FROM academic_terms WHERE institution_id = $1`, [viewer.institutionId]);
      if (given.length > 0)
        await m.query(
          `INSERT INTO academic_terms (institution_id, name, starts_on) SELECT $1, u.name, u.starts_on::date FROM unnest($2::text[], $3::text[]) AS u(name, starts_on)`,
          [viewer.institutionId, given.map((t) => t.name), given.map((t) => t.startsOn)],
        );
      const after = await this.read(m, viewer.institutionId);
      const summary = (list: AcademicTerm[]) => list.map((t) => `${t.startsOn} ${t.name}`);
      if (JSON.stringify(summary(before)) !== JSON.stringify(summary(after)))
        await recordAudit(m, {
          institutionId: viewer.institutionId,
          actor: personActor(viewer, ["ADMIN"]),
          action: "institution.terms_changed",
          target: { type: "institution", id: viewer.institutionId },
          before: { terms: summary(before) },
          after: { terms: summary(after) },
        });
      return after;
    });
  }

  private read(m: EntityManager, institutionId: string): Promise<AcademicTerm[]> {
    return m.query(
      `SELECT id, name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
              to_char(lead(starts_on) OVER (ORDER BY starts_on) - 1, 'YYYY-MM-DD') AS "endsOn"
         FROM academic_terms WHERE institution_id = $1 ORDER BY starts_on`,
      [institutionId],
    );
  }
}
