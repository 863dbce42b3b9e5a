import { Client } from "pg";
import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import { buildContactableAlumnus, viewerOf } from "../../test/request-kit";
import { testConfig } from "../../test/test-server";
import { CandidateCache } from "./candidate-cache";
import { MatchingService } from "./matching.service";

const db = useTestDatabase();

async function alum(institution: BuiltInstitution, fields: string[]): Promise<BuiltMember> {
  const a = await buildContactableAlumnus(db(), { institution, capacity: 4 });
  await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
    m.query(`UPDATE alumni_profiles SET fields = $2, industry = 'legal' WHERE membership_id = $1`, [a.membershipId, fields]),
  );
  return a;
}

describe("alumniMatches with remembered candidates", () => {
  // Remember from the first candidate on, as a 20,000-alum institution would.
  let cache: CandidateCache;
  let service: MatchingService;
  beforeEach(() => {
    cache = new CandidateCache();
    service = new MatchingService({ dataSource: db(), config: testConfig(), mailer: { send: async () => {} } }, () => new Date(), cache, 1);
  });

  it("re-checks hard filters on remembered candidates, and sees new alumni once the memory is gone", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE student_profiles SET fields = '{data-science}' WHERE membership_id = $1`, [student.membershipId]),
    );
    const viewer = viewerOf(student);
    const best = await alum(institution, ["data-science"]);
    const others = [await alum(institution, ["law"]), await alum(institution, ["law"]), await alum(institution, ["law"])];
    const ids = async () => (await service.alumniMatches(viewer, { first: 2 })).edges.map((e) => e.node.alumnus.membershipId);
    const [first] = await ids();
    expect(first).toBe(best.membershipId);

    // Remembered: a better newcomer waits, but pausing the best alum hides them at once.
    const newcomer = await alum(institution, ["data-science"]);
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE alumni_profiles SET paused = true WHERE membership_id = $1`, [best.membershipId]),
    );
    const remembered = await ids();
    expect(remembered).toHaveLength(2);
    expect(others.map((o) => o.membershipId)).toEqual(expect.arrayContaining(remembered));

    cache.clear();
    expect((await ids())[0]).toBe(newcomer.membershipId);
  });

  it("costs the same statements when candidates are remembered as when they are chosen afresh", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    for (let i = 0; i < 4; i++) await alum(institution, ["law"]);
    const viewer = viewerOf(student);
    const count = async () => {
      const spy = jest.spyOn(Client.prototype, "query");
      try {
        expect((await service.alumniMatches(viewer, { first: 3 })).edges).toHaveLength(3);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    await count(); // reads the taxonomy, once per service
    cache.clear();
    const fresh = await count();
    // Transaction (3) + student with its suggestions, candidates, profiles, open slots.
    expect(fresh).toBe(7);
    expect(await count()).toBe(fresh);
  });
  it("re-checks only the head of the remembered ranking, and the whole of it when the head has dropped out", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const alumni: BuiltMember[] = [];
    for (let i = 0; i < 24; i++) alumni.push(await alum(institution, ["law"]));
    const viewer = viewerOf(student);
    const textOf = (q: unknown) => String(typeof q === "string" ? q : (q as { text?: string }).text);
    // A statement's values: the second argument, or the config object's (prepared statements).
    const valuesOf = (call: unknown[]): unknown[] =>
      Array.isArray(call[1]) ? call[1] : ((call[0] as { values?: unknown[] }).values ?? []);
    const page = async () => {
      const spy = jest.spyOn(Client.prototype, "query");
      try {
        const ids = (await service.alumniMatches(viewer, { first: 2 })).edges.map((e) => e.node.alumnus.membershipId);
        const checks = spy.mock.calls.filter((call) => textOf(call[0]).includes("WITH excluded"));
        // How many remembered ids each candidate query was given (the array parameter), or "full" for a fresh choice.
        const sizes = checks.map((call) =>
          textOf(call[0]).includes("UNION ALL") ? "full" : Math.max(...valuesOf(call).map((v) => (Array.isArray(v) ? v.length : 0))),
        );
        return { ids, sizes };
      } finally {
        spy.mockRestore();
      }
    };
    const first = await page();
    expect(first.sizes).toEqual(["full"]);
    // The ranking of all 24, as remembered: page after page of two.
    const ranking: string[] = [];
    let after: string | null = null;
    do {
      const next = await service.alumniMatches(viewer, { first: 2, after });
      ranking.push(...next.edges.map((e) => e.node.alumnus.membershipId));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    } while (after);
    expect(ranking).toHaveLength(24);
    expect(ranking.slice(0, 2)).toEqual(first.ids);

    // Asking again: 3 wanted (2 and one more to tell whether a next page exists), 2 × 3 + 10 = 16 re-checked, not 24.
    const again = await page();
    expect(again.sizes).toEqual([16]);
    expect(again.ids).toEqual(first.ids);

    // The best 15 pause: one of the head is left, so the whole remembered list is re-checked, and the next best come.
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE alumni_profiles SET paused = true WHERE membership_id = ANY($1::uuid[])`, [ranking.slice(0, 15)]),
    );
    const after15 = await page();
    expect(after15.sizes).toEqual([16, 24]);
    expect(after15.ids).toEqual(ranking.slice(15, 17));
  });

  it("runs the full candidate query once when the same student asks twice at the same time", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    for (let i = 0; i < 4; i++) await alum(institution, ["law"]);
    const viewer = viewerOf(student);
    await service.alumniMatches(viewer, { first: 1 }); // reads the taxonomy, once per service
    cache.clear();
    const original = Client.prototype.query;
    const textOf = (q: unknown) => String(typeof q === "string" ? q : (q as { text?: string }).text);
    // The full query is slow here, as at 20,000 alumni, so the second request surely arrives while it runs.
    const spy = jest.spyOn(Client.prototype, "query").mockImplementation(function (this: Client, ...args: unknown[]) {
      const run = () => (original as (...a: unknown[]) => unknown).apply(this, args);
      if (!textOf(args[0]).includes("UNION ALL")) return run();
      return new Promise((resolve) => setTimeout(resolve, 300)).then(run);
    } as never);
    try {
      const pages = await Promise.all([service.alumniMatches(viewer, { first: 3 }), service.alumniMatches(viewer, { first: 3 })]);
      expect(pages.map((p) => p.edges.map((e) => e.node.alumnus.membershipId))).toEqual([
        pages[0].edges.map((e) => e.node.alumnus.membershipId),
        pages[0].edges.map((e) => e.node.alumnus.membershipId),
      ]);
      expect(pages[0].edges).toHaveLength(3);
      const texts = spy.mock.calls.map((call) => textOf(call[0]));
      // One full query (with the institution-wide second tier, a UNION ALL) and one re-check of its result.
      expect(texts.filter((t) => t.includes("WITH excluded") && t.includes("UNION ALL"))).toHaveLength(1);
      expect(texts.filter((t) => t.includes("WITH excluded") && !t.includes("UNION ALL"))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
