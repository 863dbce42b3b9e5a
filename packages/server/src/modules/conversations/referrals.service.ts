import { In, type EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { hasRole, type Viewer } from "../../auth/viewer";
import { badInput, forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import { isUuid } from "../../shared/cursor-pagination";
import { cleanText, findRequest, isStudent, ownRequest, ownStudentId } from "./conversation-queries";
import { activityNotShared, conversationNotStarted, nameRequired, referralAlreadyRequested, unknownAlumnus } from "./conversations.errors";
import type { ReferralChainArgs, SuggestedNameInput } from "./conversations.inputs";
import { canSeeReferralChain, canSuggestNames } from "./conversations.policy";
import type { ReferralLink } from "./conversations.types";
import { LINKED_STATUSES, Referral, ReferralStatus } from "./referral.entity";

/** A new referral, for other modules (e.g. a decline that points elsewhere). Either alumnusId or name. */
export interface NewReferral {
  sourceRequestId: string;
  /** Defaults to the alum of the source request. */
  suggestedById?: string | null;
  alumnusId?: string | null;
  name?: string | null;
  role?: string | null;
  howToReach?: string | null;
  note?: string | null;
}

/** Chains are short in practice; the bound only protects the query from a malformed cycle. */
const MAX_CHAIN_DEPTH = 50;

export class ReferralsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
  ) {}

  /** The student records a name suggested in a conversation that has started, or in a decline. */
  async addSuggestedName(viewer: Viewer, requestId: string, input: SuggestedNameInput): Promise<Referral> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await ownRequest(m, viewer, requestId);
      if (!canSuggestNames(request, new Date())) throw conversationNotStarted();
      // Students reach only listed alumni by id, so an unlisted alum's existence is not revealed.
      return this.insert(m, { ...input, sourceRequestId: request.id }, { listedOnly: true });
    });
  }

  /** The student moves a referral along. Once a request was made to the person, only REQUESTED, MET or NOT_PURSUED. */
  async updateReferral(viewer: Viewer, id: string, status: ReferralStatus): Promise<Referral> {
    const studentId = ownStudentId(viewer);
    if (!isUuid(id)) throw notFound("Referral");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const repository = m.getRepository(Referral);
      const referral = await repository.findOneBy({ id, institutionId: viewer.institutionId, studentId });
      if (!referral) throw notFound("Referral");
      if (referral.resultingRequestId && !LINKED_STATUSES.includes(status)) throw referralAlreadyRequested();
      await repository.update({ id }, { status });
      return repository.findOneByOrFail({ id });
    });
  }

  /**
   * Who led to whom, depth first, oldest suggestion first among siblings: from one request, or over all of a
   * student's conversations (starting where no referral led). Students see their own; advisors a student's
   * while the student shares their activity with advisors.
   */
  async referralChain(viewer: Viewer, args: ReferralChainArgs): Promise<ReferralLink[]> {
    if (!hasRole(viewer, "STUDENT", "ADVISOR")) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const advisor = viewer.roles.includes("ADVISOR");
      let studentId = args.studentId ?? (advisor ? null : (viewer.memberships.STUDENT ?? null));
      let fromRequest: string | null = null;
      if (args.requestId != null) {
        const request = await findRequest(m, args.requestId);
        if (!request || request.institutionId !== viewer.institutionId || (studentId && request.studentId !== studentId))
          throw notFound("Interview request");
        studentId = request.studentId;
        fromRequest = request.id;
      }
      if (!studentId) throw badInput([{ field: "studentId", message: "Give a student or a request." }]);
      if (!(await isStudent(m, viewer.institutionId, studentId))) throw notFound("Student");
      const sharing = await this.consent.hasConsent(m, studentId, ConsentKind.STUDENT_SHARE_WITH_ADVISORS);
      if (!canSeeReferralChain(viewer, studentId, sharing)) {
        if (!advisor) throw notFound("Student");
        throw activityNotShared();
      }
      return this.chain(m, viewer.institutionId, studentId, fromRequest);
    });
  }

  /** For other modules, inside their tenant transaction: records a referral on a request of that tenant. */
  createReferral(manager: EntityManager, referral: NewReferral): Promise<Referral> {
    return this.insert(manager, referral, { listedOnly: false });
  }

  /**
   * For the requests module, inside the transaction that creates the request: the referral led to this request.
   * Marks it REQUESTED; both belong to the same student. interview_requests.referred_by_id (the referring member) is not touched.
   */
  async turnReferralIntoRequest(manager: EntityManager, referralId: string, requestId: string): Promise<Referral> {
    const repository = manager.getRepository(Referral);
    const referral = await repository.findOneBy({ id: referralId });
    if (!referral) throw notFound("Referral");
    if (referral.resultingRequestId && referral.resultingRequestId !== requestId) throw referralAlreadyRequested();
    const request = await findRequest(manager, requestId);
    if (!request || request.studentId !== referral.studentId) throw notFound("Interview request");
    await repository.update({ id: referral.id }, { resultingRequestId: request.id, status: ReferralStatus.REQUESTED });
    return repository.findOneByOrFail({ id: referral.id });
  }

  private async insert(m: EntityManager, input: NewReferral, options: { listedOnly: boolean }): Promise<Referral> {
    const source = await findRequest(m, input.sourceRequestId);
    if (!source) throw notFound("Interview request");
    let name = cleanText(input.name);
    let role = cleanText(input.role);
    if (input.alumnusId != null) {
      const alum = await this.alumnus(m, source.institutionId, input.alumnusId, options.listedOnly);
      if (!alum) throw unknownAlumnus();
      name ??= alum.name;
      role ??= alum.title;
    }
    if (!name) throw nameRequired();
    const [row] = await sqlRows<{ id: string }>(
      m,
      `INSERT INTO referrals (institution_id, student_id, source_request_id, suggested_by_id, referred_alumnus_id, name, role, how_to_reach, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        source.institutionId,
        source.studentId,
        source.id,
        input.suggestedById === undefined ? source.alumnusId : input.suggestedById,
        input.alumnusId ?? null,
        name,
        role,
        cleanText(input.howToReach),
        cleanText(input.note),
      ],
    );
    return m.getRepository(Referral).findOneByOrFail({ id: row.id });
  }

  private async alumnus(
    m: EntityManager,
    institutionId: string,
    membershipId: string,
    listedOnly: boolean,
  ): Promise<{ name: string; title: string | null } | null> {
    if (!isUuid(membershipId)) return null;
    const rows: Array<{ name: string; title: string | null }> = await m.query(
      `SELECT idn.display_name AS name, p.title
         FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id
         LEFT JOIN alumni_profiles p ON p.institution_id = ms.institution_id AND p.membership_id = ms.id
        WHERE ms.id = $1 AND ms.institution_id = $2 AND ms.role = 'ALUMNUS'
          AND (NOT $3 OR EXISTS (SELECT 1 FROM consents c WHERE c.institution_id = ms.institution_id AND c.membership_id = ms.id AND c.kind = 'ALUMNUS_LISTED' AND c.in_force))`,
      [membershipId, institutionId, listedOnly],
    );
    return rows[0] ?? null;
  }

  /** Recursive over referral → resulting request → the referrals that came up there. */
  private async chain(m: EntityManager, institutionId: string, studentId: string, fromRequest: string | null): Promise<ReferralLink[]> {
    const rows: Array<{ id: string; depth: number; parent_id: string | null }> = await m.query(
      `WITH RECURSIVE chain AS (
         SELECT r.id, r.resulting_request_id, 1 AS depth, NULL::uuid AS parent_id, ARRAY[r.id] AS path
           FROM referrals r
          WHERE r.institution_id = $1 AND r.student_id = $2
            AND CASE WHEN $3::uuid IS NULL
                     THEN NOT EXISTS (SELECT 1 FROM referrals p WHERE p.institution_id = $1 AND p.resulting_request_id = r.source_request_id)
                     ELSE r.source_request_id = $3::uuid END
         UNION ALL
         SELECT r.id, r.resulting_request_id, c.depth + 1, c.id, c.path || r.id
           FROM chain c JOIN referrals r ON r.institution_id = $1 AND r.source_request_id = c.resulting_request_id
          WHERE NOT r.id = ANY (c.path) AND c.depth < $4
       )
       SELECT id, depth, parent_id FROM chain`,
      [institutionId, studentId, fromRequest, MAX_CHAIN_DEPTH],
    );
    if (rows.length === 0) return [];
    const referrals = await m.getRepository(Referral).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(referrals.map((r) => [r.id, r]));
    const children = new Map<string | null, typeof rows>();
    for (const row of rows) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row]);
    const byAge = (a: { id: string }, b: { id: string }) =>
      byId.get(a.id)!.createdAt.getTime() - byId.get(b.id)!.createdAt.getTime() || a.id.localeCompare(b.id);
    const links: ReferralLink[] = [];
    const visit = (parent: string | null) => {
      for (const row of [...(children.get(parent) ?? [])].sort(byAge)) {
        links.push({ depth: row.depth, parentReferralId: row.parent_id, referral: byId.get(row.id)! });
        visit(row.id);
      }
    };
    visit(null);
    return links;
  }
}
