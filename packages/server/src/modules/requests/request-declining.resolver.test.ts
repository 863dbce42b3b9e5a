import { useTestDatabase } from "../../test/database";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { M, ONE } from "./request-lifecycle.fixtures";
import { asInstitution, buildContactableAlumnus, buildSharingStudent, institutionOf, sendRequest } from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

describe("declining and withdrawing", () => {
  it("records a decline with a reason and a directory alum to talk to instead, for the conversations module", async () => {
    const alum = await buildContactableAlumnus(db());
    const colleague = await buildContactableAlumnus(db(), { institution: institutionOf(alum), displayName: "Katherine Johnson" });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const result = await server.gql(
      M.decline,
      {
        input: {
          requestId: sent.id,
          reason: "I am travelling all month.",
          referral: { alumnusId: colleague.membershipId, note: "She leads our analytics team." },
        },
      },
      await server.signIn(alum),
    );
    expect(result.errors).toBeUndefined();
    const seen = (await server.gql(ONE, { id: sent.id }, await server.signIn(student))).data!.interviewRequest;
    expect(seen).toMatchObject({
      state: "DECLINED",
      declineReason: "I am travelling all month.",
      declineReferral: {
        alumnusId: colleague.membershipId,
        name: "Katherine Johnson",
        contact: null,
        note: "She leads our analytics team.",
      },
    });
    const [row] = await asInstitution(db(), alum.institutionId, `SELECT decline_referral FROM interview_requests WHERE id = $1`, [sent.id]);
    expect(row.decline_referral).toEqual({
      alumnusId: colleague.membershipId,
      name: "Katherine Johnson",
      note: "She leads our analytics team.",
    });
  });

  it("takes a name and how to reach them for someone outside the directory, but not an unlisted alum", async () => {
    const alum = await buildContactableAlumnus(db());
    const unlisted = await buildContactableAlumnus(db(), { institution: institutionOf(alum), listed: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const token = await server.signIn(alum);
    const refused = await server.gql(
      M.decline,
      {
        input: {
          requestId: sent.id,
          referral: { alumnusId: unlisted.membershipId },
        },
      },
      token,
    );
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    const ok = await server.gql(
      M.decline,
      {
        input: {
          requestId: sent.id,
          referral: { name: "Dr. Lee", contact: "lee@hospital.example" },
        },
      },
      token,
    );
    expect(ok.data!.declineRequest.declineReferral).toEqual({
      alumnusId: null,
      name: "Dr. Lee",
      contact: "lee@hospital.example",
      note: null,
    });
  });

  it("lets the student withdraw, which reopens the pair for a new request", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const result = await server.gql(
      M.withdraw,
      { input: { requestId: sent.id, reason: "Found the answer elsewhere" } },
      await server.signIn(student),
    );
    expect(result.data!.withdrawRequest).toMatchObject({ state: "WITHDRAWN", closeReason: "Found the answer elsewhere" });
    await expect(sendRequest(server.services, student, alum)).resolves.toMatchObject({ state: "REQUESTED" });
  });
});
