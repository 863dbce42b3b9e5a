import { EMAIL_NAMES } from "./notification-kinds";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const PREVIEWS = `{ emailPreviews { kind recipient subject text html calendarMethod } }`;

describe("emailPreviews", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(PREVIEWS))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors, students and alumni", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildAdvisor, buildStudent, buildAlumnus]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(PREVIEWS, {}, token))).toBe("FORBIDDEN");
    }
  });

  it("renders with the admin's own institution, never another's", async () => {
    const mine = await buildInstitution(db(), { name: "Northfield College" });
    const theirs = await buildInstitution(db(), { name: "Southgate University" });
    const token = await server.signIn(await buildAdmin(db(), { institution: theirs }));
    const text = JSON.stringify((await server.gql(PREVIEWS, {}, token)).data);
    expect(text).toContain("Southgate University");
    expect(text).not.toContain(mine.name);
  });

  it("lists every kind of email with its subject, text and HTML", async () => {
    const institution = await buildInstitution(db(), { name: "Northfield <College>" });
    const token = await server.signIn(await buildAdmin(db(), { institution }));
    const result = await server.gql(PREVIEWS, {}, token);
    expect(result.errors).toBeUndefined();
    const previews = result.data!.emailPreviews as Array<Record<string, string | null>>;
    const kinds = [...new Set(previews.map((p) => p.kind as string))];
    expect(kinds).toEqual(expect.arrayContaining(["request.meeting_reminder (24 h)", "request.accepted (moved)"]));
    // Every email the system can send (notification-kinds.ts EMAIL_KINDS) is in the preview, under its name or a variant.
    const missing = EMAIL_NAMES.filter((name) => !kinds.some((k) => k === name || k.startsWith(`${name} (`)));
    expect(missing).toEqual([]);
    expect(previews.filter((p) => p.kind === "digest.advisor_lists").map((p) => p.recipient)).toEqual(["ADVISOR"]);
    expect(previews.find((p) => p.kind === "account.erasure_requested")!.recipient).toBe("MEMBER");
    expect(previews.find((p) => p.kind === "account.erasure_requested")!.subject).toMatch(
      /^Your Northfield <College> Infoview account will be deleted on [A-Z][a-z]+ \d{1,2}, \d{4}$/,
    );
    const created = previews.find((p) => p.kind === "request.created")!;
    expect(created).toMatchObject({
      recipient: "ALUMNUS",
      subject: "Sam Student would like a short conversation with you",
      calendarMethod: null,
    });
    expect(created.text).toContain("a student at Northfield <College>");
    expect(created.html).toContain("Northfield &lt;College&gt;");
    expect(previews.filter((p) => p.kind === "request.accepted").map((p) => p.calendarMethod)).toEqual(["REQUEST", "REQUEST"]);
  });

  it("renders them in Spanish when asked (locale: es), English by default", async () => {
    const institution = await buildInstitution(db(), { name: "Northfield College" });
    const token = await server.signIn(await buildAdmin(db(), { institution }));
    const query = `query ($locale: String) { emailPreviews(locale: $locale) { kind recipient subject text html } }`;
    const [english, spanish, explicit] = await Promise.all(
      [undefined, "es", "en"].map((locale) => server.gql(query, locale ? { locale } : {}, token)),
    );
    const list = (r: typeof english) => r.data!.emailPreviews as Array<Record<string, string>>;
    expect(list(spanish).map((p) => p.kind)).toEqual(list(english).map((p) => p.kind));
    expect(list(explicit)).toEqual(list(english));
    const created = list(spanish).find((p) => p.kind === "request.created")!;
    expect(created.subject).toBe("Sam Student quiere tener una conversación breve contigo");
    expect(created.text).toContain("Sam Student, estudiante de Northfield College, te pide una entrevista informativa");
    expect(created.html).toContain('lang="es"');
    expect(list(spanish).find((p) => p.kind === "account.sign_in_link")!.subject).toBe("Tu enlace para iniciar sesión en Infoview");
    expect(list(spanish).find((p) => p.kind === "digest.advisor_lists")!.text).toContain("Hola, Avery Advisor:");
  });

  it("refuses a language emails are not written in, with the field named", async () => {
    const institution = await buildInstitution(db());
    const token = await server.signIn(await buildAdmin(db(), { institution }));
    const result = await server.gql(`{ emailPreviews(locale: "fr") { kind } }`, {}, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions!.fields).toEqual([{ field: "locale", message: "Choose English (en) or Spanish (es)." }]);
  });
});
