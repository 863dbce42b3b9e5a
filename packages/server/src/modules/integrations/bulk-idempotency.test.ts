import { randomUUID } from "node:crypto";
import { useTestDatabase } from "../../test/database";
import { buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildApiKey } from "./integrations.fixtures";

/** ADR 0018 for the bulk mutations: a retried key gets the first call's summary; another input with it is refused. */

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const UPSERT = `mutation($rows: [StudentUpsertInput!]!, $key: String) {
  upsertStudents(rows: $rows, idempotencyKey: $key) { created updated unchanged errors { row code } }
}`;
const DEACTIVATE = `mutation($input: PeopleSelectionInput!, $key: String) {
  deactivatePeople(input: $input, idempotencyKey: $key) { changed unchanged requestsClosed errors { row code } }
}`;
const IMPORT = `mutation($csv: String!, $key: String) { importPeopleCsv(kind: STUDENT, csv: $csv, idempotencyKey: $key) { created unchanged total } }`;

const row = (n: number) => ({ externalId: `K-${n}`, email: `k${n}-${randomUUID()}@sis.example`, displayName: `Student ${n}` });

describe("bulk mutations with an idempotency key", () => {
  it("upsertStudents: the retry answers the first summary (created, not unchanged); other rows with the key are refused", async () => {
    const { key: apiKey, adminToken } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const rows = [row(1), row(2)];
    const key = randomUUID();
    const first = await server.gql(UPSERT, { rows, key }, apiKey);
    expect(first.data!.upsertStudents).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect((await server.gql(UPSERT, { rows, key }, apiKey)).data).toEqual(first.data);
    // Without the key the same rows run again, and change nothing.
    expect((await server.gql(UPSERT, { rows }, apiKey)).data!.upsertStudents).toMatchObject({ created: 0, unchanged: 2 });
    expect(errorCode(await server.gql(UPSERT, { rows: [row(3)], key }, apiKey))).toBe("IDEMPOTENCY_KEY_REUSED");
    // Keys belong to their caller: the admin's same key is a new one.
    expect((await server.gql(UPSERT, { rows: [row(4)], key }, adminToken)).data!.upsertStudents).toMatchObject({ created: 1 });
  });

  it("deactivatePeople: the retry answers changed, as the first call did", async () => {
    const { key: apiKey, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const student = await buildStudent(db(), { institution: { id: institutionId, slug: "", name: "" } });
    const key = randomUUID();
    const input = { membershipIds: [student.membershipId] };
    const first = await server.gql(DEACTIVATE, { input, key }, apiKey);
    expect(first.data!.deactivatePeople).toMatchObject({ changed: 1, unchanged: 0 });
    expect((await server.gql(DEACTIVATE, { input, key }, apiKey)).data).toEqual(first.data);
    expect(errorCode(await server.gql(DEACTIVATE, { input: { membershipIds: [student.membershipId, randomUUID()] }, key }, apiKey))).toBe(
      "IDEMPOTENCY_KEY_REUSED",
    );
  });

  it("importPeopleCsv: a failed call gives its key up, so the corrected file may use it", async () => {
    const { key: apiKey } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const key = randomUUID();
    expect(errorCode(await server.gql(IMPORT, { csv: "", key }, apiKey))).toBe("CSV_INVALID");
    const r = row(5);
    const csv = `externalId,email,displayName\n${r.externalId},${r.email},${r.displayName}\n`;
    const first = await server.gql(IMPORT, { csv, key }, apiKey);
    expect(first.data!.importPeopleCsv).toMatchObject({ created: 1, total: 1 });
    expect((await server.gql(IMPORT, { csv, key }, apiKey)).data).toEqual(first.data);
  });
});
