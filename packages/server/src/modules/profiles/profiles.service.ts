import { In, type EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import { activeConsentCondition, type ConsentService } from "../consent";
import { unknownTaxonomyIds } from "../institutions";
import { canonicalTimeZone } from "../../shared/time-zone.validator";
import { alumniSearchSql } from "./alumni-search.sql";
import { AlumnusProfile } from "./alumnus-profile.entity";
import { containsPattern, decodeCursor, isUuid, toPage } from "../../shared/cursor-pagination";
import { cleanProfileLink } from "./profile-links";
import { profileNotShared, unknownTaxonomy } from "./profiles.errors";
import type { AlumniDirectoryArgs, StudentsArgs, UpdateAlumnusProfileInput, UpdateStudentProfileInput } from "./profiles.inputs";
import { canBrowseAlumni, canBrowseStudents, canSeeAlumnusProfile, canSeeStudentProfile, ownProfileMembership } from "./profiles.policy";
import type { AlumnusProfileConnection, StudentListing, StudentListingConnection } from "./profiles.types";
import { StudentProfile } from "./student-profile.entity";

const PROFILE_TABLE = { STUDENT: "student_profiles", ALUMNUS: "alumni_profiles" } as const;

/** Trimmed, without blanks or repeats, in the order given. */
const cleanList = (values: string[]): string[] => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
/** Trimmed; blank becomes null, so "clearing" a text field by emptying it works too. */
const cleanText = (value: string | null): string | null => (value === null || value.trim() === "" ? null : value.trim());

interface Taxonomy {
  fields?: string[];
  industries?: string[];
  industry?: string | null;
}

export class ProfilesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
  ) {}

  async myStudentProfile(viewer: Viewer): Promise<StudentProfile> {
    const membershipId = this.ownMembership(viewer, "STUDENT");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.ensureProfile(m, viewer, "STUDENT", membershipId);
      return m.getRepository(StudentProfile).findOneByOrFail({ membershipId });
    });
  }

  async updateMyStudentProfile(viewer: Viewer, input: UpdateStudentProfileInput): Promise<StudentProfile> {
    const membershipId = this.ownMembership(viewer, "STUDENT");
    const changes: Partial<StudentProfile> = {};
    if (input.major !== undefined) changes.major = cleanText(input.major);
    if (input.classYear !== undefined) changes.classYear = input.classYear;
    if (input.fields != null) changes.fields = cleanList(input.fields);
    if (input.industries != null) changes.industries = cleanList(input.industries);
    if (input.locations != null) changes.locations = cleanList(input.locations);
    if (input.pitch != null) changes.pitch = input.pitch.trim();
    if (input.links != null) changes.links = cleanList(input.links);
    if (input.firstGeneration != null) changes.firstGeneration = input.firstGeneration;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.checkTaxonomy(m, changes);
      await this.ensureProfile(m, viewer, "STUDENT", membershipId);
      const repository = m.getRepository(StudentProfile);
      if (Object.keys(changes).length > 0) await repository.update({ membershipId }, changes);
      return repository.findOneByOrFail({ membershipId });
    });
  }

  async myAlumnusProfile(viewer: Viewer): Promise<AlumnusProfile> {
    const membershipId = this.ownMembership(viewer, "ALUMNUS");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.ensureProfile(m, viewer, "ALUMNUS", membershipId);
      return m.getRepository(AlumnusProfile).findOneByOrFail({ membershipId });
    });
  }

  async updateMyAlumnusProfile(viewer: Viewer, input: UpdateAlumnusProfileInput): Promise<AlumnusProfile> {
    const membershipId = this.ownMembership(viewer, "ALUMNUS");
    const changes: Partial<AlumnusProfile> = {};
    for (const key of ["employer", "title", "location", "major", "contactPhone", "personalMeetingLink"] as const) {
      if (input[key] !== undefined) changes[key] = cleanText(input[key] ?? null);
    }
    if (input.industry !== undefined) changes.industry = cleanText(input.industry ?? null);
    if (input.linkedinUrl !== undefined) changes.linkedinUrl = cleanProfileLink("linkedinUrl", input.linkedinUrl);
    if (input.websiteUrl !== undefined) changes.websiteUrl = cleanProfileLink("websiteUrl", input.websiteUrl);
    if (input.contactEmail !== undefined) changes.contactEmail = cleanText(input.contactEmail ?? null)?.toLowerCase() ?? null;
    if (input.classYear !== undefined) changes.classYear = input.classYear;
    if (input.fields != null) changes.fields = cleanList(input.fields);
    if (input.topics != null) changes.topics = cleanList(input.topics);
    if (input.modalities != null) changes.modalities = [...new Set(input.modalities)];
    if (input.monthlyCapacity != null) changes.monthlyCapacity = input.monthlyCapacity;
    if (input.paused != null) changes.paused = input.paused;
    if (input.bio != null) changes.bio = input.bio.trim();
    if (input.timeZone != null) changes.timeZone = canonicalTimeZone(input.timeZone) ?? input.timeZone;
    if (input.firstGeneration != null) changes.firstGeneration = input.firstGeneration;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.checkTaxonomy(m, changes);
      await this.ensureProfile(m, viewer, "ALUMNUS", membershipId);
      const repository = m.getRepository(AlumnusProfile);
      if (Object.keys(changes).length > 0) await repository.update({ membershipId }, changes);
      return repository.findOneByOrFail({ membershipId });
    });
  }

  /** A student's full profile for advisors and admins: only while the student shares it with advisors. */
  async studentProfile(viewer: Viewer, membershipId: string): Promise<StudentProfile> {
    if (!canBrowseStudents(viewer)) throw forbidden();
    if (!isUuid(membershipId)) throw notFound("Student");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const student: unknown[] = await m.query(`SELECT 1 FROM memberships WHERE id = $1 AND institution_id = $2 AND role = 'STUDENT'`, [
        membershipId,
        viewer.institutionId,
      ]);
      if (student.length === 0) throw notFound("Student");
      const shares = await this.consent.hasConsent(m, membershipId, ConsentKind.STUDENT_SHARE_WITH_ADVISORS);
      if (!canSeeStudentProfile(viewer, shares)) throw profileNotShared();
      const profile = await m.getRepository(StudentProfile).findOneBy({ membershipId, institutionId: viewer.institutionId });
      if (!profile) throw notFound("Student profile");
      return profile;
    });
  }

  /** Every student by name; profiles only of those who share them with advisors. Three queries per page. */
  async students(viewer: Viewer, args: StudentsArgs): Promise<StudentListingConnection> {
    if (!canBrowseStudents(viewer)) throw forbidden();
    const after = decodeCursor(args.after);
    const search = args.search?.trim() ? containsPattern(args.search.trim()) : null;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const rows: Array<{ id: string; display_name: string; sort_key: string }> = await m.query(
        `SELECT ms.id, i.display_name, lower(i.display_name) AS sort_key
           FROM memberships ms JOIN identities i ON i.id = ms.identity_id
          WHERE ms.institution_id = $1 AND ms.role = 'STUDENT'
            AND ($2::text IS NULL OR i.display_name ILIKE $2)
            AND ($3::text IS NULL OR (lower(i.display_name), ms.id) > ($3::text, $4::uuid))
          ORDER BY lower(i.display_name), ms.id
          LIMIT $5`,
        [viewer.institutionId, search, after?.key ?? null, after?.id ?? null, args.first + 1],
      );
      const page = rows.slice(0, args.first);
      const consents = await this.consent.activeKinds(
        m,
        page.map((r) => r.id),
      );
      const shares = (id: string) => consents.get(id)?.has(ConsentKind.STUDENT_SHARE_WITH_ADVISORS) ?? false;
      const sharing = page.map((r) => r.id).filter((id) => canSeeStudentProfile(viewer, shares(id)));
      const profiles = sharing.length
        ? await m.getRepository(StudentProfile).findBy({ membershipId: In(sharing), institutionId: viewer.institutionId })
        : [];
      const byId = new Map(profiles.map((p) => [p.membershipId, p]));
      return toPage(
        page,
        rows.length > args.first,
        (r) => ({ key: r.sort_key, id: r.id }),
        (r): StudentListing => ({
          membershipId: r.id,
          displayName: r.display_name,
          sharesWithAdvisors: shares(r.id),
          profile: byId.get(r.id) ?? null,
        }),
      );
    });
  }

  /** One alum's profile: if they are listed, or it is the viewer's own, or the viewer is staff. Otherwise NOT_FOUND. */
  async alumnusProfile(viewer: Viewer, membershipId: string): Promise<AlumnusProfile> {
    if (!isUuid(membershipId)) throw notFound("Alumnus profile");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      // One statement (issue 16, light reads): the profile, and whether the alum is listed. A deactivated alum is listed
      // to nobody, whatever their consents say; staff still see the profile.
      const { entities, raw } = await m
        .getRepository(AlumnusProfile)
        .createQueryBuilder("p")
        .addSelect(
          `EXISTS (SELECT 1 FROM memberships ms WHERE ms.id = p.membership_id AND ms.deactivated_at IS NULL)
             AND ${activeConsentCondition("p.membership_id", ConsentKind.ALUMNUS_LISTED)}`,
          "listed",
        )
        .where("p.membership_id = :membershipId AND p.institution_id = :institutionId", {
          membershipId,
          institutionId: viewer.institutionId,
        })
        .getRawAndEntities<{ listed: boolean }>();
      const profile = entities[0];
      if (!profile) throw notFound("Alumnus profile");
      const listed = raw[0]?.listed === true;
      // Same answer as a missing profile, so an unlisted alum's existence is not revealed.
      if (!canSeeAlumnusProfile(viewer, profile, listed)) throw notFound("Alumnus profile");
      return profile;
    });
  }

  /** Listed alumni by name, optionally filtered. One query per page, whatever its size. */
  async alumniDirectory(viewer: Viewer, args: AlumniDirectoryArgs): Promise<AlumnusProfileConnection> {
    if (!canBrowseAlumni(viewer)) throw forbidden();
    const after = decodeCursor(args.after);
    const search = args.search?.trim() ? containsPattern(args.search.trim()) : null;
    const field = args.field ?? null;
    const industry = args.industry ?? null;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.checkTaxonomy(m, { fields: field ? [field] : [], industry }, { fields: "field" });
      // Listing is checked in the query itself, so a withdrawal hides the alum from the very next page.
      // With a search, the matching alumni are found first (MATERIALIZED: a set of ids, usually a few hundred) and only
      // they are joined and sorted; letting the planner fold the search into the joins made it hash every membership
      // of the institution (0.4–0.7 s at 20,000 alumni, see docs/matching.md, Directory search).
      // One statement (issue 16, light reads): the page's profiles with their sort keys, not ids first and profiles second.
      const query = m
        .getRepository(AlumnusProfile)
        .createQueryBuilder("p")
        .addSelect("lower(i.display_name)", "sort_key")
        .innerJoin("memberships", "ms", "ms.institution_id = p.institution_id AND ms.id = p.membership_id")
        .innerJoin("identities", "i", "i.id = ms.identity_id")
        .where("p.institution_id = :institutionId AND ms.deactivated_at IS NULL", { institutionId: viewer.institutionId })
        .andWhere(activeConsentCondition("p.membership_id", ConsentKind.ALUMNUS_LISTED))
        .andWhere("(:field::text IS NULL OR p.fields @> ARRAY[:field::text])", { field })
        .andWhere("(:industry::text IS NULL OR p.industry = :industry)", { industry })
        .andWhere("(:afterKey::text IS NULL OR (lower(i.display_name), p.membership_id) > (:afterKey::text, :afterId::uuid))", {
          afterKey: after?.key ?? null,
          afterId: after?.id ?? null,
        })
        .orderBy("lower(i.display_name)")
        .addOrderBy("p.membership_id")
        .limit(args.first + 1);
      if (search !== null) {
        query
          .addCommonTableExpression(alumniSearchSql(":institutionId", ":search"), "found", { materialized: true })
          .innerJoin("found", "f", "f.membership_id = p.membership_id")
          .setParameter("search", search);
      }
      const { entities, raw } = await query.getRawAndEntities<{ sort_key: string }>();
      const rows = entities.map((profile, index) => ({ profile, sort_key: raw[index].sort_key }));
      return toPage(
        rows.slice(0, args.first),
        rows.length > args.first,
        (r) => ({ key: r.sort_key, id: r.profile.membershipId }),
        (r) => r.profile,
      );
    });
  }

  private ownMembership(viewer: Viewer, role: "STUDENT" | "ALUMNUS"): string {
    const membershipId = ownProfileMembership(viewer, role);
    if (!membershipId) throw forbidden();
    return membershipId;
  }

  /** People who joined by invitation have no profile row until they first open or save it. */
  private async ensureProfile(m: EntityManager, viewer: Viewer, role: "STUDENT" | "ALUMNUS", membershipId: string): Promise<void> {
    await m.query(
      `INSERT INTO ${PROFILE_TABLE[role]} (membership_id, institution_id) VALUES ($1, $2) ON CONFLICT (institution_id, membership_id) DO NOTHING`,
      [membershipId, viewer.institutionId],
    );
  }

  /** BAD_USER_INPUT naming each input field that holds ids missing from the taxonomy. */
  private async checkTaxonomy(m: EntityManager, values: Taxonomy, names: { fields?: string } = {}): Promise<void> {
    const problems: Array<{ field: string; ids: string[]; what: string }> = [];
    const fields = await unknownTaxonomyIds(m, "career_fields", values.fields ?? []);
    if (fields.length) problems.push({ field: names.fields ?? "fields", ids: fields, what: "career field" });
    const industries = await unknownTaxonomyIds(m, "industries", values.industries ?? []);
    if (industries.length) problems.push({ field: "industries", ids: industries, what: "industry" });
    const industry = await unknownTaxonomyIds(m, "industries", values.industry ? [values.industry] : []);
    if (industry.length) problems.push({ field: "industry", ids: industry, what: "industry" });
    if (problems.length) throw unknownTaxonomy(problems);
  }
}
