import { systemTransaction, tenantTransaction } from "../db/tenant-transaction";
import type { Viewer } from "../auth/viewer";
import { createServices } from "../services";
import { useFreshDatabase } from "../test/database";
import { MemoryMailer, testConfig } from "../test/test-server";
import { DEMO_INSTITUTIONS } from "./demo-data";
import { seedDemoRequests } from "./demo-requests";
import { seedDemo } from "./demo-seed";

const db = useFreshDatabase("demo_matches");
const slugs = DEMO_INSTITUTIONS.map((i) => i.slug);

describe("demo matches", () => {
  beforeAll(async () => {
    expect(await seedDemo(db())).toEqual({ seeded: true });
    await seedDemoRequests(db(), slugs);
  }, 60_000);

  it("gives every demo student at least three matches, each with at least one reason", async () => {
    const services = createServices(db(), testConfig(), new MemoryMailer());
    const institutions: Array<{ id: string }> = await systemTransaction(db(), (m) =>
      m.query(`SELECT id FROM institutions WHERE slug = ANY($1)`, [slugs]),
    );
    expect(institutions).toHaveLength(2);
    let students = 0;
    const withSlots = new Set<string>();
    for (const { id: institutionId } of institutions) {
      const rows: Array<{ id: string; identity_id: string; name: string }> = await tenantTransaction(db(), { institutionId }, (m) =>
        m.query(
          `SELECT ms.id, ms.identity_id, i.display_name AS name FROM memberships ms JOIN identities i ON i.id = ms.identity_id WHERE ms.role = 'STUDENT'`,
        ),
      );
      for (const student of rows) {
        const viewer: Viewer = {
          identityId: student.identity_id,
          institutionId,
          sessionId: "demo",
          roles: ["STUDENT"],
          memberships: { STUDENT: student.id },
        };
        const page = await services.matching.alumniMatches(viewer, { first: 5 });
        const matches = page.edges.map((e) => e.node);
        expect({ student: student.name, matches: matches.length }).toEqual({ student: student.name, matches: 5 });
        for (const match of matches.slice(0, 3)) {
          expect({ student: student.name, alum: match.alumnus.displayName, hasReason: match.reasons.length > 0 }).toMatchObject({
            hasReason: true,
          });
        }
        // The best match shares a field or an industry with the student.
        expect(matches[0].reasons.map((r) => r.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^(FIELD|INDUSTRY)$/)]));
        for (const match of matches) if (match.openSlotsNext14Days > 0) withSlots.add(match.alumnus.membershipId);
        students++;
      }
    }
    expect(students).toBe(DEMO_INSTITUTIONS.reduce((n, i) => n + i.students.length, 0));
    // Demo alumni publish weekly availability, so matches show open slots.
    expect(withSlots.size).toBeGreaterThan(0);
  });
});
