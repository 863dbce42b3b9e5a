import type { EntityManager } from "typeorm";
import { runIdempotent } from "../../db/idempotency";
import { CURRENT_INSTITUTION } from "../../db/rls";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import { canonicalTimeZone } from "../../shared/time-zone.validator";
import { isUuid } from "../../shared/cursor-pagination";
import { InterviewRequest } from "./interview-request.entity";
import { findQuestion, QUESTION_BANK, QUESTION_THEMES } from "./question-bank";
import { checkQuestion, type QuestionCheck } from "./question-check";
import { ensureStudentMayPropose, isUniqueViolation, rangeFrom, type RequestAvailability, type TimeRange } from "./request-booking";
import { recordChange } from "./request-events";
import { OPEN_STATES } from "./request-state";
import { templateMessage, templateSections } from "./request-template";
import { checkRuleOne, type RuleOneResult } from "./rule-one";
import {
  alumnusPaused,
  capacityReached,
  consentRequired,
  pairAlreadyOpen,
  proposedTimeInvalid,
  directoryConsentRequired,
  requestInputInvalid,
  ruleOneConfirmationRequired,
  tooManyOpenRequests,
} from "./requests.errors";
import type { RequestInterviewInput } from "./requests.inputs";
import { canSendRequest } from "./requests.policy";
import type { QuestionBankTheme, RequestTemplate } from "./requests.types";

interface InstitutionSettings {
  name: string;
  timeZone: string;
  meetingMinutes: number;
  requestExpiryDays: number;
  maxOpenRequestsPerStudent: number;
}

interface AlumnusFacts {
  id: string;
  identityId: string;
  name: string;
  title: string | null;
  employer: string | null;
  fieldNames: string[];
  modalities: string[];
  timeZone: string;
}

const MODALITY_WORDS: Record<string, string> = { PHONE: "phone", VIDEO: "video", IN_PERSON: "in person" };

/**
 * Sending requests: the template, the Rule #1 and question checks, and requestInterview with the limits
 * that protect volunteers. The life cycle after sending is in RequestLifecycleService; reads are in
 * RequestQueriesService.
 */
/** The conversations module's side of "a name suggested became a new request". */
export interface ReferralLink {
  turnReferralIntoRequest(manager: EntityManager, referralId: string, requestId: string): Promise<unknown>;
}

export class RequestsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
    private readonly availability: RequestAvailability,
    private readonly referrals: ReferralLink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** With an alum, the suggested rewordings name the alum's field rather than a generic one. */
  async checkMessage(viewer: Viewer, text: string, alumnusId: string | null = null): Promise<RuleOneResult> {
    if (text.length > 5000) throw requestInputInvalid("text", "Use at most 5000 characters.");
    const field = alumnusId ? await this.alumnusField(viewer, alumnusId) : undefined;
    return checkRuleOne(text, field);
  }

  /** The alum's first career field in lower case, for wording suggestions; NOT_FOUND for someone who is not an alum here. */
  private async alumnusField(viewer: Viewer, alumnusId: string): Promise<string | undefined> {
    const alum = await tenantTransaction(this.deps.dataSource, viewer, (m) => this.alumnus(m, viewer.institutionId, alumnusId));
    return alum.fieldNames[0]?.toLowerCase();
  }

  checkQuestion(text: string): QuestionCheck {
    if (text.length > 500) throw requestInputInvalid("text", "Use at most 500 characters.");
    return checkQuestion(text);
  }

  questionBank(): QuestionBankTheme[] {
    return QUESTION_THEMES.map((theme) => ({
      ...theme,
      questions: QUESTION_BANK.filter((q) => q.theme === theme.id).map(({ id, text, closed }) => ({ id, text, closed })),
    }));
  }

  /** A prefilled message to one alum, from the student's pitch and the alum's work, for the student to edit. */
  async requestTemplate(viewer: Viewer, alumnusId: string, referredById: string | null): Promise<RequestTemplate> {
    const studentId = this.studentOf(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const settings = await this.settings(m, viewer.institutionId);
      const alum = await this.alumnus(m, viewer.institutionId, alumnusId);
      if (!(await this.consent.hasConsent(m, alum.id, ConsentKind.ALUMNUS_CONTACT))) throw consentRequired("ALUMNUS_CONTACT");
      const [student] = await m.query(
        `SELECT i.display_name AS name, sp.major, coalesce(sp.pitch, '') AS pitch
           FROM memberships ms JOIN identities i ON i.id = ms.identity_id LEFT JOIN student_profiles sp ON sp.institution_id = ms.institution_id AND sp.membership_id = ms.id
          WHERE ms.id = $1`,
        [studentId],
      );
      const referrerName = referredById ? await this.referrerName(m, referredById, studentId) : null;
      const facts = {
        studentName: student.name,
        institutionName: settings.name,
        major: student.major,
        pitch: student.pitch,
        alumnusName: alum.name,
        title: alum.title,
        employer: alum.employer,
        fieldNames: alum.fieldNames,
        referrerName,
        meetingMinutes: settings.meetingMinutes,
      };
      const sections = templateSections(facts);
      return { message: templateMessage(facts, sections), sections, meetingMinutes: settings.meetingMinutes };
    });
  }

  /**
   * Sends a request. A message flagged by the Rule #1 check is refused (and counted) until the student
   * rewords it or confirms it asks for information only. With an idempotency key, a retry returns the
   * first request and creates nothing, also when the retries arrive at the same time.
   */
  async requestInterview(viewer: Viewer, input: RequestInterviewInput): Promise<InterviewRequest> {
    const studentId = this.studentOf(viewer);
    const message = input.message.trim();
    if (!message) throw requestInputInvalid("message", "Write a message.");
    const ruleOne = checkRuleOne(message);
    if (ruleOne.flagged && !input.confirmInformationOnly) {
      // The refusal's suggestions are worded for the alum's field, as in the live check.
      const worded = checkRuleOne(message, await this.alumnusField(viewer, input.alumnusId));
      await this.countReturnedFlag(viewer, studentId, input.alumnusId, worded);
      throw ruleOneConfirmationRequired(worded);
    }
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const scope = {
        institutionId: viewer.institutionId,
        membershipId: studentId,
        key: input.idempotencyKey,
        operation: "requestInterview",
        input,
      };
      const { id } = await runIdempotent(m, scope, () => this.create(m, viewer, studentId, { ...input, message }, ruleOne));
      return m.getRepository(InterviewRequest).findOneByOrFail({ id });
    });
  }

  private async create(
    m: EntityManager,
    viewer: Viewer,
    studentId: string,
    input: RequestInterviewInput,
    ruleOne: RuleOneResult,
  ): Promise<string> {
    // One student's sends take turns, so two at once cannot both pass the open-request cap.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`requests:student:${studentId}`]);
    const settings = await this.settings(m, viewer.institutionId);
    const alum = await this.alumnus(m, viewer.institutionId, input.alumnusId);
    if (alum.identityId === viewer.identityId) throw requestInputInvalid("alumnusId", "You cannot request a conversation with yourself.");
    const consents = await this.consent.activeKinds(m, [studentId, alum.id]);
    if (!consents.get(alum.id)?.has(ConsentKind.ALUMNUS_CONTACT)) throw consentRequired("ALUMNUS_CONTACT");
    if (await this.availability.isPaused(m, alum.id)) throw alumnusPaused();
    if (!consents.get(studentId)?.has(ConsentKind.STUDENT_SHARE_WITH_ALUMNI)) throw consentRequired("STUDENT_SHARE_WITH_ALUMNI");
    // FERPA directory block: the student's profile reaches this alum only with their consent given with this request.
    const [blocked]: Array<{ directory_block: boolean }> = await m.query(
      `SELECT directory_block FROM student_profiles WHERE institution_id = $1 AND membership_id = $2`,
      [viewer.institutionId, studentId],
    );
    const directoryConsent = blocked?.directory_block === true;
    if (directoryConsent && input.shareDirectoryInformation !== true) throw directoryConsentRequired();
    if (!alum.modalities.includes(input.modality)) {
      const ways = alum.modalities.map((x) => MODALITY_WORDS[x] ?? x).join(" or ");
      throw requestInputInvalid("modality", `This alum meets by ${ways}.`);
    }
    await this.ensureOpenLimits(m, studentId, alum.id, settings.maxOpenRequestsPerStudent);
    const times = await this.checkProposedTimes(m, alum.id, input.proposedTimes, settings.meetingMinutes);
    const referredById = input.referredById ? await this.checkReferrer(m, input.referredById, studentId) : null;
    const questions = input.questions.map((q, i) => this.question(q.text, q.bankId ?? null, i));

    let requestId: string;
    try {
      const [row] = await m.query(
        `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, modality, message, referred_by_id, rule_one_flagged, rule_one_confirmed,
                                         questions_shared, student_time_zone, alumnus_time_zone, expires_at, directory_consent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, now() + make_interval(days => $11), CASE WHEN $12 THEN now() END) RETURNING id`,
        [
          viewer.institutionId,
          studentId,
          alum.id,
          input.modality,
          input.message,
          referredById,
          ruleOne.flagged,
          input.shareQuestions,
          canonicalTimeZone(input.timeZone) ?? settings.timeZone,
          alum.timeZone,
          settings.requestExpiryDays,
          directoryConsent,
        ],
      );
      requestId = row.id;
    } catch (error) {
      if (isUniqueViolation(error, "interview_requests_one_open_pair")) throw pairAlreadyOpen();
      throw error;
    }
    if (input.referralId) await this.referrals.turnReferralIntoRequest(m, input.referralId, requestId);
    await m.query(
      `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, proposed_by, kind)
       SELECT $1, $2, s, e, 'STUDENT', 'REQUEST' FROM unnest($3::timestamptz[], $4::timestamptz[]) AS t(s, e)`,
      [viewer.institutionId, requestId, times.map((t) => t.startsAt), times.map((t) => t.endsAt)],
    );
    if (questions.length > 0) {
      await m.query(
        `INSERT INTO request_questions (institution_id, request_id, position, bank_id, text, closed)
         SELECT $1, $2, p, b, t, c FROM unnest($3::int[], $4::text[], $5::text[], $6::boolean[]) AS q(p, b, t, c)`,
        [
          viewer.institutionId,
          requestId,
          questions.map((q) => q.position),
          questions.map((q) => q.bankId),
          questions.map((q) => q.text),
          questions.map((q) => q.closed),
        ],
      );
    }
    if (ruleOne.flagged) {
      await m.query(
        `INSERT INTO rule_one_flags (institution_id, student_id, alumnus_id, request_id, outcome, categories) VALUES ($1, $2, $3, $4, 'CONFIRMED', $5)`,
        [viewer.institutionId, studentId, alum.id, requestId, categoriesOf(ruleOne)],
      );
    }
    const request = { id: requestId, institutionId: viewer.institutionId, studentId, alumnusId: alum.id };
    await recordChange(
      m,
      {
        request,
        actor: "STUDENT",
        actorId: studentId,
        from: null,
        to: "REQUESTED",
        kind: "TRANSITION",
      },
      "request.created",
      { ruleOneFlagged: ruleOne.flagged },
    );
    return requestId;
  }

  /** One open request per student–alum pair, and no more open requests than the institution allows. */
  private async ensureOpenLimits(m: EntityManager, studentId: string, alumnusId: string, maxOpen: number): Promise<void> {
    const [open] = await m.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE alumnus_id = $2)::int AS with_alum
         FROM interview_requests WHERE student_id = $1 AND state = ANY($3)`,
      [studentId, alumnusId, OPEN_STATES],
    );
    if (open.with_alum > 0) throw pairAlreadyOpen();
    if (open.total >= maxOpen) throw tooManyOpenRequests(maxOpen);
  }

  private async checkProposedTimes(m: EntityManager, alumnusId: string, starts: Date[], minutes: number): Promise<TimeRange[]> {
    const now = this.now();
    const times = starts.map((s) => rangeFrom(s, minutes));
    times.forEach((t, i) => {
      if (t.startsAt.getTime() <= now.getTime())
        throw proposedTimeInvalid(`proposedTimes.${i}`, "That time has already passed. Choose a time in the future.");
      const clash = times.findIndex((o, j) => j < i && o.startsAt < t.endsAt && t.startsAt < o.endsAt);
      if (clash >= 0)
        throw proposedTimeInvalid(`proposedTimes.${i}`, `This time overlaps proposed time ${clash + 1}. Propose different times.`);
    });
    // Capacity first, so a full month says so rather than "not an open slot".
    const left: number[] = [];
    for (const t of times) left.push(await this.availability.capacityLeft(m, alumnusId, t.startsAt));
    if (left.every((n) => n <= 0)) throw capacityReached();
    const has = await this.availability.hasAvailability(m, alumnusId);
    for (const [i, t] of times.entries()) await ensureStudentMayPropose(m, this.availability, alumnusId, `proposedTimes.${i}`, t, now, has);
    return times;
  }

  private question(text: string, bankId: string | null, index: number) {
    const trimmed = text.trim();
    if (!trimmed) throw requestInputInvalid(`questions.${index}.text`, "Write the question.");
    if (bankId && !findQuestion(bankId)) throw requestInputInvalid(`questions.${index}.bankId`, "Unknown question bank id.");
    return { position: index + 1, bankId, text: trimmed, closed: checkQuestion(trimmed).closed };
  }

  /** A referrer is any other member of the institution (an alum, an advisor…). */
  private async checkReferrer(m: EntityManager, referredById: string, studentId: string): Promise<string> {
    // Row-level security also shows the viewer's own memberships elsewhere: keep to this institution.
    const rows: unknown[] = await m.query(
      // A student under a FERPA directory block is never named to an alum by someone else: as if not a member.
      `SELECT 1 FROM memberships ms WHERE ms.id = $1 AND ms.id <> $2 AND ms.institution_id = ${CURRENT_INSTITUTION}
          AND NOT EXISTS (SELECT 1 FROM student_profiles sp WHERE sp.institution_id = ms.institution_id AND sp.membership_id = ms.id
                            AND sp.directory_block)`,
      [referredById, studentId],
    );
    if (rows.length === 0) throw requestInputInvalid("referredById", "Choose who referred you from your institution's members.");
    return referredById;
  }

  private async referrerName(m: EntityManager, referredById: string, studentId: string): Promise<string> {
    if (!isUuid(referredById)) throw requestInputInvalid("referredById", "Choose who referred you from your institution's members.");
    await this.checkReferrer(m, referredById, studentId);
    const [row] = await m.query(
      `SELECT i.display_name AS name FROM memberships ms JOIN identities i ON i.id = ms.identity_id WHERE ms.id = $1`,
      [referredById],
    );
    return row.name;
  }

  /** Counted in its own transaction: the refused send rolls back, the count stays for reports. */
  private async countReturnedFlag(viewer: Viewer, studentId: string, alumnusId: string, ruleOne: RuleOneResult): Promise<void> {
    await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.query(
        `INSERT INTO rule_one_flags (institution_id, student_id, alumnus_id, outcome, categories)
         VALUES ($1, $2, (SELECT id FROM memberships WHERE id = $3 AND role = 'ALUMNUS'), 'RETURNED', $4)`,
        [viewer.institutionId, studentId, isUuid(alumnusId) ? alumnusId : null, categoriesOf(ruleOne)],
      ),
    );
  }

  private async settings(m: EntityManager, institutionId: string): Promise<InstitutionSettings> {
    const [row] = await m.query(
      `SELECT name, time_zone AS "timeZone", meeting_minutes AS "meetingMinutes", request_expiry_days AS "requestExpiryDays",
              max_open_requests_per_student AS "maxOpenRequestsPerStudent"
         FROM institutions WHERE id = $1`,
      [institutionId],
    );
    return row;
  }

  /** An alum of the current institution (row-level security hides the others), or NOT_FOUND. */
  private async alumnus(m: EntityManager, institutionId: string, alumnusId: string): Promise<AlumnusFacts> {
    if (!isUuid(alumnusId)) throw notFound("That alum");
    const rows: AlumnusFacts[] = await m.query(
      `SELECT ms.id, ms.identity_id AS "identityId", i.display_name AS name, p.title, p.employer,
              coalesce(p.modalities, '{VIDEO}') AS modalities, coalesce(p.time_zone, inst.time_zone) AS "timeZone",
              coalesce((SELECT array_agg(cf.name ORDER BY array_position(p.fields, cf.id)) FROM career_fields cf WHERE cf.id = ANY(p.fields)), '{}') AS "fieldNames"
         FROM memberships ms
         JOIN identities i ON i.id = ms.identity_id
         JOIN institutions inst ON inst.id = ms.institution_id
         LEFT JOIN alumni_profiles p ON p.institution_id = ms.institution_id AND p.membership_id = ms.id
        WHERE ms.id = $1 AND ms.role = 'ALUMNUS' AND ms.institution_id = $2 AND ms.deactivated_at IS NULL`,
      [alumnusId, institutionId],
    );
    if (!rows[0]) throw notFound("That alum");
    return rows[0];
  }

  private studentOf(viewer: Viewer): string {
    if (!canSendRequest(viewer)) throw forbidden();
    return viewer.memberships.STUDENT as string;
  }
}

const categoriesOf = (result: RuleOneResult): string[] => [...new Set(result.matches.map((x) => x.category))];
