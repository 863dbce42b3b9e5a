import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { AppError, badInput, type FieldError } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { canonicalTimeZone } from "../../shared/zoned-time";
import {
  EMAIL_CHOICES,
  isNotificationKind,
  KIND_RULES,
  NOTIFICATION_KINDS,
  type EmailChoice,
  type NotificationKind,
} from "./notification-kinds";
import type { QuietHours } from "./quiet-hours";

export interface Choice {
  email: EmailChoice;
  inApp: boolean;
}

/** What a person receives, every kind resolved: their own choice, else the institution's default, else the built-in one. */
export interface PersonPreferences {
  identityId: string;
  choices: Record<NotificationKind, Choice>;
  /** The institution's default per kind (what "reset" would give). */
  defaults: Record<NotificationKind, Choice>;
  timeZone: string;
  quiet: QuietHours | null;
  digestWeekday: number;
  digestHour: number;
}

export interface ChoiceInput {
  kind: string;
  email: string;
  inApp: boolean;
}

export interface SettingsInput {
  preferences?: ChoiceInput[] | null;
  timeZone?: string | null;
  /** "HH:MM" on the person's wall clock; both or neither. */
  quietStart?: string | null;
  quietEnd?: string | null;
  /** Turns quiet hours off. */
  clearQuietHours?: boolean | null;
  /** 1 = Monday … 7 = Sunday. */
  digestWeekday?: number | null;
  digestHour?: number | null;
}

export const notificationLocked = (kind: NotificationKind) =>
  new AppError("NOTIFICATION_LOCKED", `This notification cannot be turned off or delayed: ${KIND_RULES[kind].locked}`, {
    kind,
    reason: KIND_RULES[kind].locked,
  });
export const notificationChoiceUnavailable = (kind: NotificationKind, email: string) =>
  new AppError("NOTIFICATION_CHOICE_INVALID", `"${email}" is not one of the choices for ${kind}: ${KIND_RULES[kind].choices.join(", ")}.`, {
    kind,
    choices: KIND_RULES[kind].choices,
  });

const builtIn = (kind: NotificationKind): Choice => ({ email: KIND_RULES[kind].defaultEmail, inApp: KIND_RULES[kind].inApp });

/** A stored choice, held to what the kind offers today (a locked kind is always on). */
function effective(kind: NotificationKind, stored: Choice | undefined, fallback: Choice): Choice {
  const rule = KIND_RULES[kind];
  if (rule.locked) return { email: "IMMEDIATE", inApp: rule.inApp };
  const choice = stored ?? fallback;
  return {
    email: rule.choices.includes(choice.email) ? choice.email : fallback.email,
    inApp: rule.inApp ? choice.inApp : false,
  };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minuteOf = (value: string): number | null => {
  const m = HHMM.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};
export const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** Reads choices; all in the caller's tenant transaction (RLS keeps it to the institution). */
export async function loadPreferences(
  m: EntityManager,
  institutionId: string,
  identityIds: string[],
): Promise<Map<string, PersonPreferences>> {
  const result = new Map<string, PersonPreferences>();
  if (identityIds.length === 0) return result;
  const defaults = await institutionDefaults(m, institutionId);
  const [{ time_zone: institutionZone }] = await sqlRows<{ time_zone: string }>(m, `SELECT time_zone FROM institutions WHERE id = $1`, [
    institutionId,
  ]);
  const rows = await sqlRows<{ identity_id: string; kind: string; email: EmailChoice; in_app: boolean }>(
    m,
    `SELECT identity_id, kind, email, in_app FROM notification_preferences WHERE institution_id = $1 AND identity_id = ANY($2::uuid[])`,
    [institutionId, identityIds],
  );
  const settings = await sqlRows<{
    identity_id: string;
    time_zone: string;
    quiet_start: number | null;
    quiet_end: number | null;
    digest_weekday: number;
    digest_hour: number;
  }>(
    m,
    `SELECT identity_id, time_zone, quiet_start, quiet_end, digest_weekday, digest_hour FROM notification_settings
      WHERE institution_id = $1 AND identity_id = ANY($2::uuid[])`,
    [institutionId, identityIds],
  );
  for (const identityId of identityIds) {
    const mine = new Map(rows.filter((r) => r.identity_id === identityId).map((r) => [r.kind, { email: r.email, inApp: r.in_app }]));
    const s = settings.find((r) => r.identity_id === identityId);
    const timeZone = s?.time_zone ?? institutionZone;
    const choices = {} as Record<NotificationKind, Choice>;
    for (const kind of NOTIFICATION_KINDS) choices[kind] = effective(kind, mine.get(kind), defaults[kind]);
    result.set(identityId, {
      identityId,
      choices,
      defaults,
      timeZone,
      quiet: s && s.quiet_start !== null && s.quiet_end !== null ? { startMinute: s.quiet_start, endMinute: s.quiet_end, timeZone } : null,
      digestWeekday: s?.digest_weekday ?? 1,
      digestHour: s?.digest_hour ?? 8,
    });
  }
  return result;
}

/** The institution's default per kind: what it set, else the built-in default. */
export async function institutionDefaults(m: EntityManager, institutionId: string): Promise<Record<NotificationKind, Choice>> {
  const rows = await sqlRows<{ kind: string; email: EmailChoice; in_app: boolean }>(
    m,
    `SELECT kind, email, in_app FROM notification_defaults WHERE institution_id = $1`,
    [institutionId],
  );
  const set = new Map(rows.map((r) => [r.kind, { email: r.email, inApp: r.in_app }]));
  const result = {} as Record<NotificationKind, Choice>;
  for (const kind of NOTIFICATION_KINDS) result[kind] = effective(kind, set.get(kind), builtIn(kind));
  return result;
}

/** Each recipient membership's person and their preferences. */
export async function preferencesOfMembers(
  m: EntityManager,
  institutionId: string,
  membershipIds: string[],
): Promise<Map<string, PersonPreferences>> {
  const members = await sqlRows<{ id: string; identity_id: string }>(
    m,
    `SELECT id, identity_id FROM memberships WHERE institution_id = $1 AND id = ANY($2::uuid[])`,
    [institutionId, membershipIds],
  );
  const people = await loadPreferences(m, institutionId, [...new Set(members.map((r) => r.identity_id))]);
  const result = new Map<string, PersonPreferences>();
  for (const member of members) result.set(member.id, people.get(member.identity_id)!);
  return result;
}

/** Checks choices against what each kind offers: unknown kinds and values are BAD_USER_INPUT, locked kinds NOTIFICATION_LOCKED. */
function checkChoices(input: ChoiceInput[], field: string): Array<{ kind: NotificationKind; email: EmailChoice; inApp: boolean }> {
  const problems: FieldError[] = [];
  input.forEach((c, i) => {
    if (!isNotificationKind(c.kind))
      problems.push({ field: `${field}.${i}.kind`, message: `unknown kind; one of ${NOTIFICATION_KINDS.join(", ")}` });
    if (!(EMAIL_CHOICES as readonly string[]).includes(c.email))
      problems.push({ field: `${field}.${i}.email`, message: `one of ${EMAIL_CHOICES.join(", ")}` });
  });
  if (problems.length > 0) throw badInput(problems);
  const seen = new Set<string>();
  return input.map((c) => {
    const kind = c.kind as NotificationKind;
    const email = c.email as EmailChoice;
    if (seen.has(kind)) throw badInput([{ field, message: `${kind} is given twice` }]);
    seen.add(kind);
    const rule = KIND_RULES[kind];
    if (rule.locked && (email !== "IMMEDIATE" || (rule.inApp && !c.inApp))) throw notificationLocked(kind);
    if (!rule.choices.includes(email)) throw notificationChoiceUnavailable(kind, email);
    return { kind, email, inApp: rule.inApp ? c.inApp : false };
  });
}

/** Notification preferences: each person's own (myNotificationPreferences) and the institution's defaults (admins). */
export class NotificationPreferencesService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource">) {}

  async mine(viewer: Viewer): Promise<PersonPreferences> {
    return this.tx(viewer, async (m) => (await loadPreferences(m, viewer.institutionId, [viewer.identityId])).get(viewer.identityId)!);
  }

  async updateMine(viewer: Viewer, input: SettingsInput): Promise<PersonPreferences> {
    const choices = input.preferences ? checkChoices(input.preferences, "preferences") : [];
    const problems: FieldError[] = [];
    let timeZone: string | null = null;
    if (input.timeZone != null) {
      timeZone = canonicalTimeZone(input.timeZone);
      if (!timeZone) problems.push({ field: "timeZone", message: "not an IANA time zone name (such as America/Chicago)" });
    }
    let quiet: [number, number] | null = null;
    if (input.quietStart != null || input.quietEnd != null) {
      const start = input.quietStart != null ? minuteOf(input.quietStart) : null;
      const end = input.quietEnd != null ? minuteOf(input.quietEnd) : null;
      if (start === null) problems.push({ field: "quietStart", message: "a time HH:MM (00:00–23:59), given with quietEnd" });
      if (end === null) problems.push({ field: "quietEnd", message: "a time HH:MM (00:00–23:59), given with quietStart" });
      if (start !== null && end !== null) {
        if (start === end)
          problems.push({
            field: "quietEnd",
            message: "must differ from quietStart (an empty range); use clearQuietHours to turn them off",
          });
        else quiet = [start, end];
      }
    }
    if (input.digestWeekday != null && !(Number.isInteger(input.digestWeekday) && input.digestWeekday >= 1 && input.digestWeekday <= 7))
      problems.push({ field: "digestWeekday", message: "1 (Monday) to 7 (Sunday)" });
    if (input.digestHour != null && !(Number.isInteger(input.digestHour) && input.digestHour >= 0 && input.digestHour <= 23))
      problems.push({ field: "digestHour", message: "0 to 23" });
    if (problems.length > 0) throw badInput(problems);

    return this.tx(viewer, async (m) => {
      const args = [viewer.institutionId, viewer.identityId];
      for (const c of choices) {
        await m.query(
          `INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (institution_id, identity_id, kind) DO UPDATE SET email = EXCLUDED.email, in_app = EXCLUDED.in_app, updated_at = now()`,
          [...args, c.kind, c.email, c.inApp],
        );
      }
      const touchesSettings =
        timeZone !== null || quiet !== null || input.clearQuietHours || input.digestWeekday != null || input.digestHour != null;
      if (touchesSettings) {
        await m.query(
          `INSERT INTO notification_settings (institution_id, identity_id, time_zone)
           SELECT $1, $2, time_zone FROM institutions WHERE id = $1 ON CONFLICT DO NOTHING`,
          args,
        );
        await m.query(
          `UPDATE notification_settings SET
             time_zone = coalesce($3, time_zone),
             quiet_start = CASE WHEN $4 THEN NULL WHEN $5::int IS NOT NULL THEN $5 ELSE quiet_start END,
             quiet_end = CASE WHEN $4 THEN NULL WHEN $6::int IS NOT NULL THEN $6 ELSE quiet_end END,
             digest_weekday = coalesce($7, digest_weekday),
             digest_hour = coalesce($8, digest_hour),
             updated_at = now()
           WHERE institution_id = $1 AND identity_id = $2`,
          [
            ...args,
            timeZone,
            !!input.clearQuietHours && quiet === null,
            quiet?.[0] ?? null,
            quiet?.[1] ?? null,
            input.digestWeekday ?? null,
            input.digestHour ?? null,
          ],
        );
      }
      return (await loadPreferences(m, viewer.institutionId, [viewer.identityId])).get(viewer.identityId)!;
    });
  }

  async defaults(viewer: Viewer): Promise<Record<NotificationKind, Choice>> {
    return this.tx(viewer, (m) => institutionDefaults(m, viewer.institutionId));
  }

  async updateDefaults(viewer: Viewer, input: ChoiceInput[]): Promise<Record<NotificationKind, Choice>> {
    const choices = checkChoices(input, "defaults");
    return this.tx(viewer, async (m) => {
      for (const c of choices) {
        await m.query(
          `INSERT INTO notification_defaults (institution_id, kind, email, in_app) VALUES ($1, $2, $3, $4)
           ON CONFLICT (institution_id, kind) DO UPDATE SET email = EXCLUDED.email, in_app = EXCLUDED.in_app, updated_at = now()`,
          [viewer.institutionId, c.kind, c.email, c.inApp],
        );
      }
      return institutionDefaults(m, viewer.institutionId);
    });
  }

  /** Turns one kind's email off for a person (the one-click unsubscribe); a locked kind stays on. True when it changed something. */
  async turnOff(m: EntityManager, institutionId: string, identityId: string, kind: NotificationKind): Promise<void> {
    if (KIND_RULES[kind].locked) throw notificationLocked(kind);
    const current = (await loadPreferences(m, institutionId, [identityId])).get(identityId)!.choices[kind];
    await m.query(
      `INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, $3, 'OFF', $4)
       ON CONFLICT (institution_id, identity_id, kind) DO UPDATE SET email = 'OFF', updated_at = now()`,
      [institutionId, identityId, kind, current.inApp],
    );
  }

  private tx<T>(viewer: Viewer, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: viewer.institutionId, identityId: viewer.identityId }, fn);
  }
}
