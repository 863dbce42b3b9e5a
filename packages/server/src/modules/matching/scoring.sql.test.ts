import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildInstitution } from "../../test/factories";
import { candidateScoreSql, scoreCandidate, type CandidateSignals, type StudentSignals } from "./scoring";

const db = useTestDatabase();

describe("candidateScoreSql", () => {
  it("computes in the database the same score as scoreCandidate, less the keyword term", async () => {
    const institution = await buildInstitution(db());
    const profiles = [
      {
        fields: ["data-science", "finance"],
        industry: "technology",
        major: "economics ",
        location: "Chicago, IL",
        classYear: 2020,
        firstGeneration: true,
        capacity: 4,
      },
      { fields: ["law"], industry: null, major: null, location: null, classYear: null, firstGeneration: false, capacity: 0 },
      { fields: [], industry: "banking", major: "History", location: "chicago", classYear: 1990, firstGeneration: true, capacity: 10 },
    ];
    const stats = [
      { load: 6, daysAgo: 3, answered: 5, unanswered: 1, windows: 2 },
      { load: 2, daysAgo: 20, answered: 0, unanswered: 4, windows: 0 },
      null,
    ];
    for (const [i, p] of profiles.entries()) {
      const alum = await buildAlumnus(db(), { institution });
      await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
        await m.query(
          `UPDATE alumni_profiles SET fields = $2, industry = $3, major = $4, location = $5, class_year = $6, first_generation = $7, monthly_capacity = $8
            WHERE membership_id = $1`,
          [alum.membershipId, p.fields, p.industry, p.major, p.location, p.classYear, p.firstGeneration, p.capacity],
        );
        const s = stats[i];
        if (s) {
          await m.query(
            `INSERT INTO alumnus_match_stats (alumnus_id, institution_id, recent_load, load_at, answered, unanswered, weekly_windows)
             VALUES ($1, $2, $3, now() - make_interval(days => $4), $5, $6, $7)`,
            [alum.membershipId, institution.id, s.load, s.daysAgo, s.answered, s.unanswered, s.windows],
          );
        }
      });
    }
    const student: StudentSignals = {
      fields: ["data-science", "finance", "law"],
      industries: ["technology", "banking"],
      major: "Economics",
      classYear: 2027,
      locations: ["Chicago, IL", "Remote"],
      firstGeneration: true,
      keywords: ["ignored"],
    };
    const now = new Date();
    const params: unknown[] = [];
    const expression = candidateScoreSql(student, now, (v) => {
      params.push(v);
      return `$${params.length}`;
    });
    const rows: Array<CandidateSignals & { sqlScore: number }> = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(
        `SELECT p.membership_id AS "alumnusId", p.fields, p.industry, p.major, p.location, p.class_year AS "classYear", p.title, p.topics,
                p.first_generation AS "firstGeneration", p.monthly_capacity AS "monthlyCapacity",
                coalesce(s.weekly_windows, 0) AS "weeklyWindows", coalesce(s.answered, 0) AS answered, coalesce(s.unanswered, 0) AS unanswered,
                coalesce(s.recent_load, 0) AS "recentLoad", coalesce(s.load_at, now()) AS "loadAt", ${expression} AS "sqlScore"
           FROM alumni_profiles p LEFT JOIN alumnus_match_stats s ON s.alumnus_id = p.membership_id`,
        params,
      ),
    );
    expect(rows).toHaveLength(3);
    const scores = rows.map((row) => [row.sqlScore, scoreCandidate({ ...student, keywords: [] }, row, now).score]);
    for (const [sql, ts] of scores) expect(sql).toBeCloseTo(ts, 6);
    // The cases differ, so agreement is not an accident of equal scores.
    expect(new Set(scores.map(([, ts]) => ts.toFixed(3))).size).toBe(3);
  });
});
