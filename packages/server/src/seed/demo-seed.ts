import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { hashPassword } from "../modules/accounts/passwords";
import { ALUMNUS_CONSENTS, CONSENT_KINDS, STUDENT_CONSENTS, consentTextBodies, type ConsentKind } from "./consent-texts";
import { DEMO_INSTITUTIONS, DUAL_ALUMNUS, LOCATIONS, type DemoAlumnus, type DemoInstitution } from "./demo-data";
import { enterTenant } from "./tenant-scope";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "infoview-demo";

export type DemoRole = "ADMIN" | "ADVISOR" | "STUDENT" | "ALUMNUS";

export interface DemoSignIn {
  email: string;
  role: DemoRole;
  /** Slug of the institution the membership belongs to. */
  institution: string;
  note: string;
}

const CONSENT_LABEL = {
  all: "listed, contactable, shares contact details",
  "no-contact-sharing": "listed and contactable, does not share contact details",
  none: "has not opted in yet: not listed, cannot be contacted",
} as const;

function domain(institution: DemoInstitution): string {
  return `${institution.slug}.example`;
}

const adminEmail = (i: DemoInstitution) => `admin@${domain(i)}`;
const advisorEmail = (i: DemoInstitution, n: number) => `advisor${n}@${domain(i)}`;
const studentEmail = (i: DemoInstitution, n: number) => `student${n}@${domain(i)}`;
const alumEmail = (i: DemoInstitution, n: number) => `alum${n}@${domain(i)}`;

function describeAlum(a: DemoAlumnus): string {
  const state = a.paused ? "paused" : CONSENT_LABEL[a.consents ?? "all"];
  return `${a.name}, ${a.title} at ${a.employer} (${state})`;
}

function signInsFor(inst: DemoInstitution): DemoSignIn[] {
  const slug = inst.slug;
  const list: DemoSignIn[] = [
    { email: adminEmail(inst), role: "ADMIN", institution: slug, note: `${inst.admin}, career center director` },
    ...inst.advisors.map((name, k) => ({
      email: advisorEmail(inst, k + 1),
      role: "ADVISOR" as const,
      institution: slug,
      note: `${name}, advisor to students ${k === 0 ? "1, 3, 5, 7, 9" : "2, 4, 6, 8, 10"}`,
    })),
    ...[0, 1].map((k) => ({
      email: studentEmail(inst, k + 1),
      role: "STUDENT" as const,
      institution: slug,
      note: `${inst.students[k].name}, ${inst.students[k].major} '${String(inst.students[k].classYear).slice(2)}`,
    })),
  ];
  // alum1 is the ordinary case; then one of each special state, so every branch can be tried by hand.
  const notable = new Set<number>([0]);
  notable.add(inst.alumni.findIndex((a) => a.paused));
  notable.add(inst.alumni.findIndex((a) => a.consents === "no-contact-sharing"));
  notable.add(inst.alumni.findIndex((a) => a.consents === "none"));
  for (const k of [...notable].filter((k) => k >= 0).sort((a, b) => a - b)) {
    list.push({ email: alumEmail(inst, k + 1), role: "ALUMNUS", institution: slug, note: describeAlum(inst.alumni[k]) });
  }
  list.push({
    email: DUAL_ALUMNUS.email,
    role: "ALUMNUS",
    institution: slug,
    note: `${DUAL_ALUMNUS.name}, alumnus of both Northfield and Lakeside (one account, two memberships)`,
  });
  return list;
}

/** The accounts worth knowing about, for the README and for tests that sign in. */
export const DEMO_SIGN_INS: DemoSignIn[] = DEMO_INSTITUTIONS.flatMap(signInsFor);

interface IdentityRow {
  id: string;
  email: string;
  display_name: string;
}

function contactEmail(name: string): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .replace(/ +/g, ".")}@example.com`;
}

/** Fictional numbers: 555-0100 to 555-0199 are reserved for fiction in North America. */
function contactPhone(location: string, n: number): string {
  const area = LOCATIONS[location]?.areaCode ?? "555";
  return `+1-${area}-555-${String(100 + (n % 100)).padStart(4, "0")}`;
}

/** "a, b and c", each topic starting in lower case as it continues a sentence. */
export function topicsPhrase(topics: string[]): string {
  const lowered = topics.map((t) => t.charAt(0).toLowerCase() + t.slice(1));
  return lowered.length > 1 ? `${lowered.slice(0, -1).join(", ")} and ${lowered.at(-1)}` : (lowered[0] ?? "");
}

function bio(a: DemoAlumnus, schoolName: string): string {
  return (
    `${a.title} at ${a.employer} in ${a.location}. ${schoolName} ${a.major}, class of ${a.classYear}. ` +
    `Happy to talk about ${topicsPhrase(a.topics)}.`
  );
}

async function insertRecords(manager: EntityManager, sql: string, rows: object[], ...params: unknown[]): Promise<void> {
  if (rows.length > 0) await manager.query(sql, [JSON.stringify(rows), ...params]);
}

async function seedInstitution(
  manager: EntityManager,
  inst: DemoInstitution,
  identityIds: Map<string, string>,
  phoneOffset: number,
): Promise<void> {
  const institutionId = randomUUID();
  await enterTenant(manager, institutionId);
  await manager.query(`INSERT INTO institutions (id, slug, name, time_zone) VALUES ($1, $2, $3, $4)`, [
    institutionId,
    inst.slug,
    inst.name,
    inst.timeZone,
  ]);

  const memberships: Array<{ id: string; identity_id: string; role: DemoRole; external_id: string | null }> = [];
  const member = (email: string, role: DemoRole, externalId: string | null): string => {
    const id = randomUUID();
    memberships.push({ id, identity_id: identityIds.get(email)!, role, external_id: externalId });
    return id;
  };
  const prefix = inst.externalPrefix;
  member(adminEmail(inst), "ADMIN", null);
  const advisorIds = inst.advisors.map((_, k) => member(advisorEmail(inst, k + 1), "ADVISOR", null));
  const studentIds = inst.students.map((_, k) =>
    member(studentEmail(inst, k + 1), "STUDENT", `${prefix}-S-${String(k + 1).padStart(4, "0")}`),
  );
  const alumIds = inst.alumni.map((_, k) => member(alumEmail(inst, k + 1), "ALUMNUS", `${prefix}-A-${String(k + 1).padStart(4, "0")}`));
  const dualId = member(DUAL_ALUMNUS.email, "ALUMNUS", `${prefix}-A-${String(inst.alumni.length + 1).padStart(4, "0")}`);
  await insertRecords(
    manager,
    `INSERT INTO memberships (id, institution_id, identity_id, role, external_id)
     SELECT r.id, $2::uuid, r.identity_id, r.role, r.external_id
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, identity_id uuid, role text, external_id text)`,
    memberships,
    institutionId,
  );

  const bodies = consentTextBodies(inst.name);
  const textIds = Object.fromEntries(CONSENT_KINDS.map((kind) => [kind, randomUUID()])) as Record<ConsentKind, string>;
  await insertRecords(
    manager,
    `INSERT INTO consent_texts (id, institution_id, kind, version, body)
     SELECT r.id, $2::uuid, r.kind, 1, r.body FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, body text)`,
    CONSENT_KINDS.map((kind) => ({ id: textIds[kind], kind, body: bodies[kind] })),
    institutionId,
  );

  await insertRecords(
    manager,
    `INSERT INTO student_profiles
       (membership_id, institution_id, major, class_year, fields, industries, locations, pitch, first_generation, advisor_id)
     SELECT r.membership_id, $2::uuid, r.major, r.class_year, r.fields, r.industries, r.locations, r.pitch,
            r.first_generation, r.advisor_id
     FROM jsonb_to_recordset($1::jsonb) AS r(membership_id uuid, major text, class_year int, fields text[],
       industries text[], locations text[], pitch text, first_generation boolean, advisor_id uuid)`,
    inst.students.map((s, k) => ({
      membership_id: studentIds[k],
      major: s.major,
      class_year: s.classYear,
      fields: s.fields,
      industries: s.industries,
      locations: s.locations,
      pitch: s.pitch,
      first_generation: s.firstGeneration ?? false,
      advisor_id: advisorIds[k % advisorIds.length],
    })),
    institutionId,
  );

  const degree = DUAL_ALUMNUS.degrees[inst.slug];
  const alumni = [
    ...inst.alumni.map((a, k) => ({ membershipId: alumIds[k], a, email: contactEmail(a.name) })),
    {
      membershipId: dualId,
      a: {
        name: DUAL_ALUMNUS.name,
        employer: DUAL_ALUMNUS.employer,
        title: DUAL_ALUMNUS.title,
        industry: DUAL_ALUMNUS.industry,
        fields: DUAL_ALUMNUS.fields,
        location: DUAL_ALUMNUS.location,
        topics: DUAL_ALUMNUS.topics,
        modalities: DUAL_ALUMNUS.modalities,
        ...degree,
      },
      email: "jordan.ellis@example.com",
    },
  ];
  await insertRecords(
    manager,
    `INSERT INTO alumni_profiles
       (membership_id, institution_id, employer, title, industry, fields, location, class_year, major, topics,
        modalities, monthly_capacity, paused, bio, time_zone, first_generation, contact_email, contact_phone)
     SELECT r.membership_id, $2::uuid, r.employer, r.title, r.industry, r.fields, r.location, r.class_year, r.major,
            r.topics, r.modalities, r.monthly_capacity, r.paused, r.bio, r.time_zone, r.first_generation,
            r.contact_email, r.contact_phone
     FROM jsonb_to_recordset($1::jsonb) AS r(membership_id uuid, employer text, title text, industry text,
       fields text[], location text, class_year int, major text, topics text[], modalities text[],
       monthly_capacity int, paused boolean, bio text, time_zone text, first_generation boolean,
       contact_email text, contact_phone text)`,
    alumni.map(({ membershipId, a, email }, k) => ({
      membership_id: membershipId,
      employer: a.employer,
      title: a.title,
      industry: a.industry,
      fields: a.fields,
      location: a.location,
      class_year: a.classYear,
      major: a.major,
      topics: a.topics,
      modalities: a.modalities,
      monthly_capacity: a.monthlyCapacity,
      paused: a.paused ?? false,
      bio: bio(a, inst.name),
      time_zone: LOCATIONS[a.location]?.timeZone ?? inst.timeZone,
      first_generation: a.firstGeneration ?? false,
      contact_email: email,
      contact_phone: contactPhone(a.location, phoneOffset + k),
    })),
    institutionId,
  );

  const consents: Array<{ membership_id: string; consent_text_id: string; kind: ConsentKind }> = [];
  const give = (membershipId: string, kinds: ConsentKind[]) => {
    for (const kind of kinds) consents.push({ membership_id: membershipId, consent_text_id: textIds[kind], kind });
  };
  for (const id of studentIds) give(id, STUDENT_CONSENTS);
  for (const { membershipId, a } of alumni) {
    const given = a.consents ?? "all";
    give(membershipId, given === "all" ? ALUMNUS_CONSENTS : given === "none" ? [] : ALUMNUS_CONSENTS.slice(0, 2));
  }
  await insertRecords(
    manager,
    `INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind)
     SELECT $2::uuid, r.membership_id, r.consent_text_id, r.kind
     FROM jsonb_to_recordset($1::jsonb) AS r(membership_id uuid, consent_text_id uuid, kind text)`,
    consents,
    institutionId,
  );

  // Alumni who take requests publish two weekly windows in their own zone, so matches show open slots.
  const available = alumni.filter(({ a }) => (a.consents ?? "all") !== "none" && !a.paused);
  await insertRecords(
    manager,
    `INSERT INTO availability_windows (institution_id, alumnus_id, weekday, start_minute, end_minute, time_zone)
     SELECT $2::uuid, r.alumnus_id, r.weekday, r.start_minute, r.end_minute, r.time_zone
     FROM jsonb_to_recordset($1::jsonb) AS r(alumnus_id uuid, weekday int, start_minute int, end_minute int, time_zone text)`,
    available.flatMap(({ membershipId, a }, k) => {
      const timeZone = LOCATIONS[a.location]?.timeZone ?? inst.timeZone;
      return [
        { alumnus_id: membershipId, weekday: 1 + (k % 5), start_minute: 9 * 60, end_minute: 10 * 60 + 30, time_zone: timeZone },
        { alumnus_id: membershipId, weekday: 1 + ((k + 2) % 5), start_minute: 17 * 60, end_minute: 18 * 60, time_zone: timeZone },
      ];
    }),
    institutionId,
  );
}

/**
 * Fills an empty database with two demo institutions. All of it lands in one transaction, so a
 * failure leaves nothing behind and the next start simply tries again.
 */
export async function seedDemo(dataSource: DataSource): Promise<{ seeded: boolean }> {
  // Hash before opening the transaction: argon2 takes tens of milliseconds and needs no connection.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    // Two processes starting at once (server and CLI) must not both seed.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('infoview:seed-demo'))`);
    // Any person counts as well as any institution: identities are global and never hidden by RLS,
    // so this holds even for an owner role that FORCE ROW LEVEL SECURITY blinds to institutions.
    const [{ used }] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM institutions) OR EXISTS (SELECT 1 FROM identities) AS used`,
    )) as Array<{ used: boolean }>;
    if (used) return { seeded: false };

    const people = new Map<string, string>();
    for (const inst of DEMO_INSTITUTIONS) {
      people.set(adminEmail(inst), inst.admin);
      inst.advisors.forEach((name, k) => people.set(advisorEmail(inst, k + 1), name));
      inst.students.forEach((s, k) => people.set(studentEmail(inst, k + 1), s.name));
      inst.alumni.forEach((a, k) => people.set(alumEmail(inst, k + 1), a.name));
    }
    people.set(DUAL_ALUMNUS.email, DUAL_ALUMNUS.name);
    const identities: IdentityRow[] = [...people].map(([email, name]) => ({
      id: randomUUID(),
      email,
      display_name: name,
    }));
    await insertRecords(
      manager,
      `INSERT INTO identities (id, email, display_name, password_hash)
       SELECT r.id, r.email, r.display_name, $2::text FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, email text, display_name text)`,
      identities,
      passwordHash,
    );
    const identityIds = new Map(identities.map((row) => [row.email, row.id]));

    let phoneOffset = 0;
    for (const inst of DEMO_INSTITUTIONS) {
      await seedInstitution(manager, inst, identityIds, phoneOffset);
      phoneOffset += inst.alumni.length + 1;
    }
    return { seeded: true };
  });
}
