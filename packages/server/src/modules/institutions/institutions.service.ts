import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { badInput, forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { CareerField } from "./career-field.entity";
import { Industry } from "./industry.entity";
import { Institution } from "./institution.entity";
import type { UpdateInstitutionSettingsInput } from "./institutions.inputs";
import { canUpdateSettings } from "./institutions.policy";
import { canonicalTimeZone } from "../../shared/time-zone.validator";
import { changedValues, personActor, recordAudit } from "../audit";
import { AcademicTermsService, isCalendarDay } from "./academic-terms.service";

const SETTINGS = [
  "meetingMinutes",
  "requestExpiryDays",
  "thankYouDays",
  "followUpDays",
  "maxOpenRequestsPerStudent",
  "auditRetentionYears",
  "consentReviewPolicy",
  "erasureGraceDays",
  "accommodationLeadDays",
  "defaultLocale",
  "autoGraduation",
  "graduationDay",
] as const;
/** What the audit log compares before and after a settings change. */
const AUDITED = ["name", "timeZone", ...SETTINGS] as const;

/**
 * The ids among `ids` that are not in the taxonomy table, for validating profile input.
 * Runs in the caller's transaction; the taxonomy is global, so no tenant applies.
 */
export async function unknownTaxonomyIds(
  manager: EntityManager,
  taxonomy: "career_fields" | "industries",
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const known: Array<{ id: string }> = await manager.query(`SELECT id FROM ${taxonomy} WHERE id = ANY($1::text[])`, [ids]);
  const found = new Set(known.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

export class InstitutionsService {
  /** The academic calendar (its own service; reached as services.institutions.terms). */
  readonly terms: AcademicTermsService;

  constructor(private readonly deps: ServiceDeps) {
    this.terms = new AcademicTermsService(deps);
  }

  async current(viewer: Viewer): Promise<Institution> {
    const institution = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(Institution).findOneBy({ id: viewer.institutionId }),
    );
    if (!institution) throw notFound("Institution");
    return institution;
  }

  async updateSettings(viewer: Viewer, input: UpdateInstitutionSettingsInput): Promise<Institution> {
    if (!canUpdateSettings(viewer)) throw forbidden();
    // 02-30 passes the pattern but is no day of any year (02-29 is one, in leap years: the class year then ends 03-01).
    if (input.graduationDay != null && !isCalendarDay(`2024-${input.graduationDay}`))
      throw badInput([{ field: "graduationDay", message: "Use a month and day like 06-15." }]);
    const changes: Partial<Institution> = {};
    if (input.name != null) changes.name = input.name.trim();
    if (input.timeZone != null) changes.timeZone = canonicalTimeZone(input.timeZone) ?? input.timeZone;
    if (input.videoLinks != null) changes.videoLinks = input.videoLinks;
    for (const key of SETTINGS) {
      const value = input[key];
      if (value != null) (changes as Record<string, unknown>)[key] = value;
    }
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const repository = m.getRepository(Institution);
      const before = await repository.findOneBy({ id: viewer.institutionId });
      if (!before) throw notFound("Institution");
      if (Object.keys(changes).length > 0) await repository.update({ id: viewer.institutionId }, changes);
      const institution = await repository.findOneBy({ id: viewer.institutionId });
      if (!institution) throw notFound("Institution");
      const pick = (i: Institution) => Object.fromEntries(AUDITED.map((k) => [k, i[k]]));
      const changed = changedValues(pick(before), pick(institution));
      if (changed)
        await recordAudit(m, {
          institutionId: viewer.institutionId,
          actor: personActor(viewer, ["ADMIN"]),
          action: "institution.settings_changed",
          target: { type: "institution", id: viewer.institutionId },
          ...changed,
        });
      return institution;
    });
  }

  careerFields(viewer: Viewer): Promise<CareerField[]> {
    return tenantTransaction(this.deps.dataSource, viewer, (m) => m.getRepository(CareerField).find({ order: { name: "ASC" } }));
  }

  industries(viewer: Viewer): Promise<Industry[]> {
    return tenantTransaction(this.deps.dataSource, viewer, (m) => m.getRepository(Industry).find({ order: { name: "ASC" } }));
  }
}
