import { systemTransaction, tenantTransaction } from "../db/tenant-transaction";
import { useFreshDatabase } from "../test/database";
import { DEMO_INSTITUTIONS } from "./demo-data";
import { seedDemoRequests } from "./demo-requests";
import { seedDemo } from "./demo-seed";

const db = useFreshDatabase("demo_requests");
const slugs = DEMO_INSTITUTIONS.map((i) => i.slug);

describe("demo interview requests", () => {
  let institutionIds: string[];
  beforeAll(async () => {
    expect(await seedDemo(db())).toEqual({ seeded: true });
    expect(await seedDemoRequests(db(), slugs)).toBe(22);
    const rows: Array<{ id: string }> = await systemTransaction(db(), (m) =>
      m.query(`SELECT id FROM institutions WHERE slug = ANY($1)`, [slugs]),
    );
    institutionIds = rows.map((r) => r.id);
    expect(institutionIds).toHaveLength(2);
  }, 60_000);

  it("gives each demo institution a request in every state, with its history", async () => {
    for (const institutionId of institutionIds) {
      const states: Array<{ state: string; n: number; events: number }> = await tenantTransaction(db(), { institutionId }, (m) =>
        m.query(
          `SELECT r.state, count(*)::int AS n, min((SELECT count(*) FROM request_events e WHERE e.request_id = r.id))::int AS events
             FROM interview_requests r GROUP BY r.state ORDER BY r.state`,
        ),
      );
      expect(states.map((s) => s.state)).toEqual([
        "ACCEPTED",
        "CANCELLED",
        "COMPLETED",
        "DECLINED",
        "EXPIRED",
        "NO_SHOW",
        "REQUESTED",
        "WITHDRAWN",
      ]);
      for (const s of states) expect(s.events).toBeGreaterThanOrEqual(s.state === "REQUESTED" ? 1 : 2);
    }
  });

  it("records what came after a completed conversation", async () => {
    const [counts] = await tenantTransaction(db(), { institutionId: institutionIds[0] }, (m) =>
      m.query(
        `SELECT (SELECT count(*) FROM follow_ups)::int AS follow_ups, (SELECT count(*) FROM conversation_notes)::int AS notes,
                (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM follow_ups WHERE thank_you_sent_at IS NOT NULL)::int AS thanked`,
      ),
    );
    expect(counts).toEqual({ follow_ups: 2, notes: 1, referrals: 2, thanked: 1 });
  });

  it("does nothing the second time", async () => {
    expect(await seedDemoRequests(db(), slugs)).toBe(0);
  });
});
