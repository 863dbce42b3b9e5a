import type { EntityManager } from "typeorm";
import type { Viewer } from "../../auth/viewer";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { AppError } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { changedValues, personActor, recordAudit } from "../audit";
import { applyRetentionRules, type RetentionCount, type RetentionRules } from "./retention-rules";
import type { RetentionSettingsInput } from "./retention.types";

/** Each setting's range; null (or 0) keeps forever, except the audit log's term. */
const RANGES: Record<keyof RetentionRules, { min: number; max: number; unit: string; keepAllowed: boolean }> = {
  deactivatedMonths: { min: 1, max: 240, unit: "months", keepAllowed: true },
  messagesYears: { min: 1, max: 30, unit: "years", keepAllowed: true },
  deliveredDays: { min: 1, max: 3650, unit: "days", keepAllowed: true },
  auditYears: { min: 1, max: 30, unit: "years", keepAllowed: false },
};

export const retentionInvalid = (field: string, message: string) => new AppError("RETENTION_INVALID", message, { field });

/** The rules an input asks for, over the current ones; refuses a value out of range (RETENTION_INVALID). */
export function mergeRules(current: RetentionRules, input: RetentionSettingsInput | null | undefined): RetentionRules {
  const next: RetentionRules = { ...current };
  for (const key of Object.keys(RANGES) as Array<keyof RetentionRules>) {
    if (!input || input[key] === undefined) continue;
    const value = input[key] ?? 0;
    const range = RANGES[key];
    if (value === 0 && range.keepAllowed) {
      (next as unknown as Record<string, number | null>)[key] = null;
      continue;
    }
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw retentionInvalid(key, `${key}: use ${range.min} to ${range.max} ${range.unit}${range.keepAllowed ? ", or 0 to keep" : ""}.`);
    }
    (next as unknown as Record<string, number | null>)[key] = value;
  }
  return next;
}

async function rulesOf(m: EntityManager, institutionId: string): Promise<RetentionRules | null> {
  const [row] = await sqlRows<RetentionRules>(
    m,
    `SELECT retention_deactivated_months AS "deactivatedMonths", retention_messages_years AS "messagesYears",
            retention_delivered_days AS "deliveredDays", audit_retention_years AS "auditYears"
       FROM institutions WHERE id = $1`,
    [institutionId],
  );
  return row ?? null;
}

export interface RetentionResult {
  settings: RetentionRules;
  counts: RetentionCount[];
}

/** Erasing one membership (PrivacyService.erase), as the retention job does it for people deactivated too long. */
export type EraseOne = (institutionId: string, membershipId: string) => Promise<void>;

/**
 * Retention per institution (issue 13, ADR 0027): the admins' settings, the dry run, and the daily job — the last
 * two through one function, `run`, so the preview is what the job then does.
 */
export class RetentionService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly eraseOne: EraseOne,
  ) {}

  async settings(viewer: Viewer): Promise<RetentionRules> {
    const rules = await tenantTransaction(this.deps.dataSource, viewer, (m) => rulesOf(m, viewer.institutionId));
    if (!rules) throw new AppError("NOT_FOUND", "Institution not found.");
    return rules;
  }

  /** Sets the rules; a change is recorded as `institution.retention_changed` with the values before and after. */
  async updateSettings(viewer: Viewer, input: RetentionSettingsInput): Promise<RetentionRules> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const before = await rulesOf(m, viewer.institutionId);
      if (!before) throw new AppError("NOT_FOUND", "Institution not found.");
      const after = mergeRules(before, input);
      const changed = changedValues({ ...before }, { ...after });
      if (!changed) return before;
      await m.query(
        `UPDATE institutions SET retention_deactivated_months = $2, retention_messages_years = $3, retention_delivered_days = $4,
                audit_retention_years = $5, updated_at = now() WHERE id = $1`,
        [viewer.institutionId, after.deactivatedMonths, after.messagesYears, after.deliveredDays, after.auditYears],
      );
      await recordAudit(m, {
        institutionId: viewer.institutionId,
        actor: personActor(viewer, ["ADMIN"]),
        action: "institution.retention_changed",
        target: { type: "institution", id: viewer.institutionId },
        ...changed,
      });
      return after;
    });
  }

  /** The dry run for an admin: the institution's rules, or the ones being edited over them. */
  preview(viewer: Viewer, input?: RetentionSettingsInput | null): Promise<RetentionResult> {
    return this.run(viewer.institutionId, { dryRun: true, input });
  }

  /**
   * Applies one institution's rules in its own tenant transaction (or, with dryRun, only counts), then erases the
   * people deactivated too long, one erasure each, and records what it did as `retention.applied` (counts only).
   */
  async run(institutionId: string, options: { dryRun: boolean; input?: RetentionSettingsInput | null }): Promise<RetentionResult> {
    const { dryRun } = options;
    const pass = await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const current = await rulesOf(m, institutionId);
      if (!current) throw new AppError("NOT_FOUND", "Institution not found.");
      const settings = mergeRules(current, options.input);
      return { settings, ...(await applyRetentionRules(m, institutionId, settings, dryRun)) };
    });
    const result = { settings: pass.settings, counts: pass.counts };
    if (dryRun) return result;
    // The rules' transaction has committed: what it did is recorded even if an erasure below fails (the next run retries it).
    let erased = 0;
    try {
      for (const membershipId of pass.peopleToErase) {
        await this.eraseOne(institutionId, membershipId);
        erased += 1;
      }
    } finally {
      const counts = pass.counts.map((c) => (c.kind === "DEACTIVATED_PEOPLE" && c.count !== erased ? { ...c, count: erased } : c));
      result.counts = counts;
      if (counts.some((c) => c.count > 0)) {
        await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
          recordAudit(m, {
            institutionId,
            actor: { kind: "SYSTEM" },
            action: "retention.applied",
            target: { type: "institution", id: institutionId },
            after: Object.fromEntries(counts.map((c) => [c.kind, c.count])),
          }),
        );
      }
    }
    return result;
  }
}
