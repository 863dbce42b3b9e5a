import { In, type EntityManager } from "typeorm";
import { prepared, sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { badInput, forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import { activeConsentCondition } from "../consent";
import { AlumnusProfile } from "../profiles";
import { containsPattern, decodeCursor, encodeCursor, isUuid } from "../../shared/cursor-pagination";
import { profileNotShared } from "../profiles";
import type { AlumniMatchesArgs, SuggestAlumnusArgs } from "./matching.inputs";
import { canDismissAny, canSeeMatchesOf, canSuggest, ownStudentId, staffMembershipId } from "./matching.policy";
import type { AlumnusMatch, AlumnusMatchConnection, AlumnusSuggestion } from "./matching.types";
import { CandidateCache } from "./candidate-cache";
import { openSlotCounts } from "./open-slot-counts";
import { candidateRows, type CandidateRow } from "./candidate-query";
import { matchReasons } from "./match-reasons";
import { MATCH_RULES, pitchKeywords, pitchWordsByStem, rankCandidates, type StudentSignals } from "./scoring";

interface StudentRow {
  id: string;
  identityId: string;
  major: string | null;
  classYear: number | null;
  fields: string[] | null;
  industries: string[] | null;
  locations: string[] | null;
  pitch: string | null;
  firstGeneration: boolean | null;
  sharesWithAdvisors: boolean;
  meetingMinutes: number;
  updatedAt: Date | null;
  /** As JSON: createdAt is an ISO string. */
  suggestions: Array<Omit<SuggestionRow, "createdAt"> & { createdAt: string }>;
}

interface Taxonomy {
  fields: Map<string, string>;
  industries: Map<string, string>;
}

/** A student's active suggestions of alumni who are still listed. `student` and `only` are SQL placeholders. */
const suggestionsSql = (student: string, only: string): string =>
  `SELECT s.id, s.alumnus_id AS "alumnusId", coalesce(i.display_name, 'An advisor') AS "suggestedByName", s.note, s.created_at AS "createdAt"
     FROM alumnus_suggestions s
     LEFT JOIN memberships ms ON ms.institution_id = s.institution_id AND ms.id = s.suggested_by_id
     LEFT JOIN identities i ON i.id = ms.identity_id
    WHERE s.student_id = ${student} AND s.dismissed_at IS NULL AND (${only}::uuid IS NULL OR s.id = ${only}::uuid)
      AND ${activeConsentCondition("s.alumnus_id", ConsentKind.ALUMNUS_LISTED)}
      AND EXISTS (SELECT 1 FROM memberships am WHERE am.institution_id = s.institution_id AND am.id = s.alumnus_id AND am.deactivated_at IS NULL)`;

interface SuggestionRow {
  id: string;
  alumnusId: string;
  suggestedByName: string;
  note: string | null;
  createdAt: Date;
}

/**
 * Ranks alumni for a student (see scoring.ts and docs/matching.md) and keeps advisors' suggestions.
 * A page of matches costs the same number of statements whatever its size: student, taxonomy,
 * suggestions, one candidate query (hard filters + cheap score + top K), the page's profiles and three for open slots.
 */
export class MatchingService {
  /** Career fields and industries change only with migrations: read once. */
  private taxonomyNames: Promise<Taxonomy> | null = null;
  /** The first request still running for an institution, student and filter (see alumniMatches). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly now: () => Date = () => new Date(),
    readonly candidateCache = new CandidateCache(),
    /**
     * Remember a student's candidates only when the full query found at least this many: smaller institutions are
     * cheap to scan and then see newly listed alumni at once.
     */
    private readonly cacheFrom: number = MATCH_RULES.candidateLimit,
  ) {}

  async alumniMatches(viewer: Viewer, args: AlumniMatchesArgs): Promise<AlumnusMatchConnection> {
    const studentId = this.studentFor(viewer, args.studentMembershipId ?? null);
    const after = decodeCursor(args.after);
    // A match cursor's key is the position in the ranking.
    if (after && !/^\d{1,3}$/.test(after.key)) {
      throw badInput([{ field: "after", message: "This cursor is not valid. Start again without `after`." }]);
    }
    const search = args.search?.trim() ? containsPattern(args.search.trim()) : null;
    // A student whose page is still being computed by another request (double click, several tabs, a client retrying)
    // waits for it — before taking a database connection — and then usually finds the candidates remembered, instead
    // of running a second full candidate query.
    const filters = { field: args.field ?? null, industry: args.industry ?? null, search };
    const flightKey = JSON.stringify([viewer.institutionId, studentId, filters]);
    let release: (() => void) | null = null;
    const running = this.inFlight.get(flightKey);
    if (running) await running;
    else this.inFlight.set(flightKey, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await this.matchesPage(viewer, args, studentId, after, filters);
    } finally {
      if (release) {
        this.inFlight.delete(flightKey);
        (release as () => void)();
      }
    }
  }

  private matchesPage(
    viewer: Viewer,
    args: AlumniMatchesArgs,
    studentId: string,
    after: ReturnType<typeof decodeCursor>,
    filters: { field: string | null; industry: string | null; search: string | null },
  ): Promise<AlumnusMatchConnection> {
    const now = this.now();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const student = await this.student(m, viewer, studentId);
      const names = await (this.taxonomyNames ??= this.taxonomy(m).catch((error: unknown) => {
        this.taxonomyNames = null;
        throw error;
      }));
      const problems = [];
      if (args.field && !names.fields.has(args.field))
        problems.push({ field: "field", message: "Unknown career field. Use ids from the list." });
      if (args.industry && !names.industries.has(args.industry))
        problems.push({ field: "industry", message: "Unknown industry. Use ids from the list." });
      if (problems.length) throw badInput(problems);

      const signals: StudentSignals = {
        fields: student.fields ?? [],
        industries: student.industries ?? [],
        major: student.major,
        classYear: student.classYear,
        locations: student.locations ?? [],
        firstGeneration: student.firstGeneration ?? false,
        keywords: pitchKeywords(student.pitch ?? ""),
      };
      const suggestions: SuggestionRow[] = student.suggestions.map((x) => ({ ...x, createdAt: new Date(x.createdAt) }));
      const cacheKey = JSON.stringify([viewer.institutionId, student.id, student.updatedAt, filters]);
      const cached = this.candidateCache.get(cacheKey);
      // Enough to fill the page asked for and tell whether another follows.
      const wanted = (after ? Number(after.key) + 1 : 0) + args.first + 1;
      // Alumni the student already wrote to are always among the candidates (see candidates); they are counted, and
      // listed only when the student asks for them.
      const includeContacted = args.includeContacted ?? false;
      const shown = (rows: CandidateRow[]) => (includeContacted ? rows.length : rows.filter((c) => !c.openRequestId).length);
      // Remembered candidates are kept in their last ranked order, so only the head of the list is re-checked: the
      // page asked for with a margin for alumni who dropped out since (about 30 primary-key checks instead of 100).
      const head = cached ? cached.slice(0, Math.max(2 * wanted + 10, 0)) : null;
      let candidates = head ? await candidateRows(m, viewer.institutionId, student, signals, suggestions, now, filters, head) : [];
      if (cached && head && head.length < cached.length && shown(candidates) < wanted) {
        // Too many of the head dropped out: re-check the whole remembered list.
        candidates = await candidateRows(m, viewer.institutionId, student, signals, suggestions, now, filters, cached);
      }
      let fresh = false;
      if (!cached || shown(candidates) < Math.min(wanted, cached.length)) {
        // Nothing remembered, or too many of the remembered candidates dropped out (requested, paused, full…): choose afresh.
        candidates = await candidateRows(m, viewer.institutionId, student, signals, suggestions, now, filters, null);
        fresh = true;
      }
      const suggestedIds = new Set(suggestions.map((s) => s.alumnusId));
      const everyone = rankCandidates(signals, candidates, suggestedIds, now);
      if (fresh && candidates.length >= this.cacheFrom) {
        this.candidateCache.set(
          cacheKey,
          everyone.map((r) => r.item.alumnusId),
        );
      }
      const ranked = includeContacted ? everyone : everyone.filter((r) => !r.item.openRequestId);
      const leftOutAlreadyContacted = everyone.length - ranked.length;
      const pitchWords = pitchWordsByStem(student.pitch ?? "");

      let start = 0;
      if (after) {
        const index = ranked.findIndex((r) => r.item.alumnusId === after.id);
        // The alum on the last page may have gone (requested, paused…): carry on from the same position.
        start = index >= 0 ? index + 1 : Number(after.key) + 1;
      }
      const page = ranked.slice(start, start + args.first);
      const ids = page.map((r) => r.item.alumnusId);
      const profiles = ids.length
        ? await m.getRepository(AlumnusProfile).findBy({ membershipId: In(ids), institutionId: viewer.institutionId })
        : [];
      const profileOf = new Map(profiles.map((p) => [p.membershipId, p]));
      const slots = await openSlotCounts(
        m,
        page.map((r) => r.item),
        student.meetingMinutes,
        now,
        MATCH_RULES.availabilityDays,
      );
      const suggestionOf = new Map(suggestions.map((s) => [s.alumnusId, s]));

      const edges = page.flatMap((r, offset) => {
        const alumnus = profileOf.get(r.item.alumnusId);
        if (!alumnus) return [];
        const suggestion = r.suggested ? suggestionOf.get(r.item.alumnusId) : undefined;
        const openSlots = slots.get(r.item.alumnusId) ?? 0;
        const node: AlumnusMatch = {
          alumnus,
          score: Math.round(r.score * 1000) / 1000,
          suggested: r.suggested,
          suggestion: suggestion ? { ...suggestion, alumnus } : null,
          openSlotsNext14Days: openSlots,
          openRequestId: r.item.openRequestId,
          reasons: matchReasons(r.parts, {
            fieldName: (id) => names.fields.get(id) ?? id,
            industryName: (id) => names.industries.get(id) ?? id,
            openSlots,
            suggestedBy: suggestion?.suggestedByName ?? null,
            candidate: r.item,
            student: { major: student.major, classYear: student.classYear, locations: signals.locations, pitchWords },
          }),
        };
        return [{ cursor: encodeCursor({ key: String(start + offset), id: r.item.alumnusId }), node }];
      });
      return {
        edges,
        leftOutAlreadyContacted,
        pageInfo: { hasNextPage: start + args.first < ranked.length, endCursor: edges.at(-1)?.cursor ?? null },
      };
    });
  }

  async suggestAlumnus(viewer: Viewer, args: SuggestAlumnusArgs): Promise<AlumnusSuggestion> {
    if (!canSuggest(viewer)) throw forbidden();
    if (!isUuid(args.studentMembershipId)) throw notFound("Student");
    if (!isUuid(args.alumnusMembershipId)) throw notFound("Alumnus profile");
    const note = args.note?.trim() ? args.note.trim() : null;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const [found]: Array<{ student: boolean; alumnus: boolean }> = await m.query(
        `SELECT EXISTS (SELECT 1 FROM memberships WHERE id = $1 AND role = 'STUDENT' AND institution_id = $3 AND deactivated_at IS NULL) AS student,
                EXISTS (SELECT 1 FROM alumni_profiles p JOIN memberships ms ON ms.institution_id = p.institution_id AND ms.id = p.membership_id AND ms.deactivated_at IS NULL
                         WHERE p.membership_id = $2 AND p.institution_id = $3
                          AND ${activeConsentCondition("p.membership_id", ConsentKind.ALUMNUS_LISTED)}) AS alumnus`,
        [args.studentMembershipId, args.alumnusMembershipId, viewer.institutionId],
      );
      if (!found.student) throw notFound("Student");
      if (!found.alumnus) throw notFound("Alumnus profile");
      // Suggesting the same alum again refreshes the suggestion (newer note, back on top).
      const [row]: Array<{ id: string }> = await m.query(
        `INSERT INTO alumnus_suggestions (institution_id, student_id, alumnus_id, suggested_by_id, note) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (institution_id, student_id, alumnus_id) WHERE dismissed_at IS NULL
         DO UPDATE SET note = EXCLUDED.note, suggested_by_id = EXCLUDED.suggested_by_id, created_at = now()
         RETURNING id`,
        [viewer.institutionId, args.studentMembershipId, args.alumnusMembershipId, staffMembershipId(viewer), note],
      );
      const [suggestion] = await this.withProfiles(m, viewer, await this.suggestionRows(m, args.studentMembershipId, row.id));
      return suggestion;
    });
  }

  /** The student dismisses one of their suggestions, or staff withdraw one. True once it is dismissed. */
  async dismissSuggestion(viewer: Viewer, suggestionId: string): Promise<boolean> {
    const studentId = canDismissAny(viewer) ? null : ownStudentId(viewer);
    if (!canDismissAny(viewer) && !studentId) throw forbidden();
    if (!isUuid(suggestionId)) throw notFound("Suggestion");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const rows = await sqlRows(
        m,
        `UPDATE alumnus_suggestions SET dismissed_at = coalesce(dismissed_at, now())
          WHERE id = $1 AND institution_id = $2 AND ($3::uuid IS NULL OR student_id = $3) RETURNING id`,
        [suggestionId, viewer.institutionId, studentId],
      );
      if (rows.length === 0) throw notFound("Suggestion");
      return true;
    });
  }

  /** The student's active suggestions of alumni who are still listed, newest first. */
  async mySuggestions(viewer: Viewer): Promise<AlumnusSuggestion[]> {
    const studentId = ownStudentId(viewer);
    if (!studentId) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) =>
      this.withProfiles(m, viewer, await this.suggestionRows(m, studentId)),
    );
  }

  // ——— Internals ———

  /** Whose matches: a student's own, or (for staff) the one asked for. */
  private studentFor(viewer: Viewer, asked: string | null): string {
    const own = ownStudentId(viewer);
    if (asked === null || asked === own) {
      if (own) return own;
      if (canSeeMatchesOf(viewer)) throw badInput([{ field: "studentMembershipId", message: "Say whose matches to show." }]);
      throw forbidden();
    }
    if (!canSeeMatchesOf(viewer)) throw forbidden();
    if (!isUuid(asked)) throw notFound("Student");
    return asked;
  }

  private async student(m: EntityManager, viewer: Viewer, studentId: string): Promise<StudentRow> {
    // Prepared (db/sql.ts): the same text for every student, and planning it (policies on five tables) took ~10 times
    // longer than running it.
    const rows: StudentRow[] = await prepared(
      m,
      `SELECT ms.id, ms.identity_id AS "identityId", sp.major, sp.class_year AS "classYear", sp.fields, sp.industries, sp.locations,
              sp.pitch, sp.first_generation AS "firstGeneration", i.meeting_minutes AS "meetingMinutes", sp.updated_at AS "updatedAt",
              ${activeConsentCondition("ms.id", ConsentKind.STUDENT_SHARE_WITH_ADVISORS)} AS "sharesWithAdvisors",
              -- The advisors' suggestions come along (one statement fewer on every page of matches).
              (SELECT coalesce(json_agg(x ORDER BY x."createdAt" DESC, x.id), '[]') FROM (${suggestionsSql("$1", "NULL")}) x) AS suggestions
         FROM memberships ms
         JOIN institutions i ON i.id = ms.institution_id
         LEFT JOIN student_profiles sp ON sp.institution_id = ms.institution_id AND sp.membership_id = ms.id
        WHERE ms.id = $1 AND ms.role = 'STUDENT' AND ms.institution_id = $2`,
      [studentId, viewer.institutionId],
    );
    const student = rows[0];
    if (!student) throw notFound("Student");
    // Matches and their reasons reveal what the student explores: staff see them only while the student shares.
    if (studentId !== ownStudentId(viewer) && !student.sharesWithAdvisors) throw profileNotShared();
    return student;
  }

  private async taxonomy(m: EntityManager): Promise<Taxonomy> {
    const rows: Array<{ kind: "F" | "I"; id: string; name: string }> = await m.query(
      `SELECT 'F' AS kind, id, name FROM career_fields UNION ALL SELECT 'I', id, name FROM industries`,
    );
    const pick = (kind: "F" | "I") => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.id, r.name.toLowerCase()]));
    return { fields: pick("F"), industries: pick("I") };
  }

  private suggestionRows(m: EntityManager, studentId: string, onlyId?: string): Promise<SuggestionRow[]> {
    return m.query(`${suggestionsSql("$1", "$2")} ORDER BY s.created_at DESC, s.id`, [studentId, onlyId ?? null]);
  }

  private async withProfiles(m: EntityManager, viewer: Viewer, rows: SuggestionRow[]): Promise<AlumnusSuggestion[]> {
    if (rows.length === 0) return [];
    const profiles = await m
      .getRepository(AlumnusProfile)
      .findBy({ membershipId: In(rows.map((r) => r.alumnusId)), institutionId: viewer.institutionId });
    const profileOf = new Map(profiles.map((p) => [p.membershipId, p]));
    return rows.flatMap((r) => {
      const alumnus = profileOf.get(r.alumnusId);
      return alumnus ? [{ ...r, alumnus }] : [];
    });
  }
}
