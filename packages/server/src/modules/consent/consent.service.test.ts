import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildConsent, buildConsentText, buildInstitution, buildStudent, WITHDRAW_CONSENTS_SQL } from "../../test/factories";
import { testConfig } from "../../test/test-server";
import { createServices, type Services } from "../../services";
import { ConsentKind } from "./consent-kind.enum";

const db = useTestDatabase();
let services: Services;
beforeAll(() => {
  services = createServices(db(), testConfig(), { send: async () => {} });
});

describe("ConsentService.activeKinds", () => {
  it("answers for many memberships with one query, leaving out withdrawn consents", async () => {
    const institution = await buildInstitution(db());
    const listed = await buildAlumnus(db(), { institution });
    const withdrawn = await buildAlumnus(db(), { institution });
    const student = await buildStudent(db(), { institution });
    const nothing = await buildStudent(db(), { institution });
    await buildConsent(db(), listed, "ALUMNUS_LISTED");
    await buildConsent(db(), listed, "ALUMNUS_CONTACT");
    await buildConsent(db(), withdrawn, "ALUMNUS_LISTED");
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    await tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(WITHDRAW_CONSENTS_SQL, [withdrawn.membershipId, null]));

    const { result, queries } = await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
      const spy = jest.spyOn(m.queryRunner!, "query");
      const ids = [listed, withdrawn, student, nothing].map((x) => x.membershipId);
      const answer = await services.consent.activeKinds(m, ids);
      return { result: answer, queries: spy.mock.calls.length };
    });
    expect(queries).toBe(1);
    expect(result).toEqual(
      new Map([
        [listed.membershipId, new Set([ConsentKind.ALUMNUS_LISTED, ConsentKind.ALUMNUS_CONTACT])],
        [withdrawn.membershipId, new Set()],
        [student.membershipId, new Set([ConsentKind.STUDENT_SHARE_WITH_ADVISORS])],
        [nothing.membershipId, new Set()],
      ]),
    );
  });

  it("sees nothing of another institution's consents", async () => {
    const alumnus = await buildAlumnus(db());
    await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
    const other = await buildInstitution(db());
    const seen = await tenantTransaction(db(), { institutionId: other.id }, async (m) => ({
      kinds: await services.consent.activeKinds(m, [alumnus.membershipId]),
      has: await services.consent.hasConsent(m, alumnus.membershipId, ConsentKind.ALUMNUS_LISTED),
    }));
    expect(seen).toEqual({ kinds: new Map([[alumnus.membershipId, new Set()]]), has: false });
  });

  it("asks the database nothing for an empty list", async () => {
    const institution = await buildInstitution(db());
    const queries = await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
      const spy = jest.spyOn(m.queryRunner!, "query");
      expect(await services.consent.activeKinds(m, [])).toEqual(new Map());
      return spy.mock.calls.length;
    });
    expect(queries).toBe(0);
  });
});

describe("ConsentService.hasConsent", () => {
  it("is true only while a consent of that kind is active", async () => {
    const alumnus = await buildAlumnus(db());
    const has = (kind: ConsentKind) =>
      tenantTransaction(db(), { institutionId: alumnus.institutionId }, (m) => services.consent.hasConsent(m, alumnus.membershipId, kind));
    expect(await has(ConsentKind.ALUMNUS_LISTED)).toBe(false);
    await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
    expect(await has(ConsentKind.ALUMNUS_LISTED)).toBe(true);
    expect(await has(ConsentKind.ALUMNUS_CONTACT)).toBe(false);
  });
});

describe("the consent ledger", () => {
  it("refuses a consent recorded against a text of another kind", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    const text = await buildConsentText(db(), institution, "ALUMNUS_CONTACT");
    const attempt = tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, 'ALUMNUS_LISTED')`, [
        institution.id,
        alumnus.membershipId,
        text.id,
      ]),
    );
    await expect(attempt).rejects.toThrow(/consents_text_of_same_kind_fkey/);
  });

  it("keeps at most one active consent per membership and kind", async () => {
    const alumnus = await buildAlumnus(db());
    await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
    await expect(buildConsent(db(), alumnus, "ALUMNUS_LISTED")).rejects.toThrow(/consents_one_active/);
  });

  it("keeps one active consent when the app role records two at once", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    const text = await buildConsentText(db(), institution, "ALUMNUS_LISTED");
    const insert = () =>
      tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
        await m.query(
          `INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, 'ALUMNUS_LISTED')`,
          [institution.id, alumnus.membershipId, text.id],
        );
        await m.query(`SELECT pg_sleep(0.2)`);
      });
    const results = await Promise.allSettled([insert(), insert()]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("is append-only for the app role: agreements and withdrawals cannot be changed or deleted", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
    await tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(WITHDRAW_CONSENTS_SQL, [alumnus.membershipId, null]));
    const attempt = (sql: string) =>
      tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(sql, [alumnus.membershipId]));
    await expect(attempt(`UPDATE consent_grants SET given_at = now() WHERE membership_id = $1`)).rejects.toThrow(/permission denied/);
    await expect(attempt(`DELETE FROM consent_grants WHERE membership_id = $1`)).rejects.toThrow(/permission denied/);
    await expect(attempt(`UPDATE consent_withdrawals SET withdrawn_at = now() WHERE membership_id = $1`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(attempt(`DELETE FROM consent_withdrawals WHERE membership_id = $1`)).rejects.toThrow(/permission denied/);
    await expect(attempt(`UPDATE consents SET withdrawn_at = NULL WHERE membership_id = $1`)).rejects.toThrow(/view|permission denied/);
    await expect(
      tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(`TRUNCATE consent_withdrawals`)),
    ).rejects.toThrow(/permission denied|append-only/);
    // Not even the owner can rewrite history: no policy lets a row be updated (row-level security is forced), and a
    // login that bypasses it (a superuser, as the embedded test server's) meets the trigger.
    const byOwner = await db()
      .query(`UPDATE consent_grants SET given_at = now() WHERE membership_id = $1 RETURNING id`, [alumnus.membershipId])
      .then(
        // TypeORM answers an UPDATE with [rows, affected count].
        ([, affected]: [unknown[], number]) => `changed ${affected}`,
        (e: Error) => e.message,
      );
    expect(byOwner).toMatch(/append-only|changed 0/);
    const rows = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT withdrawal_reason FROM consents WHERE membership_id = $1`, [alumnus.membershipId]),
    );
    expect(rows).toEqual([{ withdrawal_reason: "WITHDRAWN" }]);
  });
});
