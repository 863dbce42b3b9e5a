import { readdirSync } from "node:fs";
import path from "node:path";
import { createFileMailer } from "../modules/notifications/mailer";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { EventBus } from "../modules/notifications/pubsub";
import { unsubscribeSigner } from "../modules/notifications/unsubscribe";
import { useFreshDatabase } from "../test/database";
import { buildAdmin, buildInstitution, type BuiltMember } from "../test/factories";
import { runDueJobs } from "../test/jobs";
import { acceptedRequest, buildContactableAlumnus, buildSharingStudent, inDays } from "../test/request-kit";
import { startTestServer, type TestServer } from "../test/test-server";
import { OutboxJob } from "./outbox-job";
import { mailFolder, PUBLIC_URL, readEml, removeMailFolders, settings, silent } from "./outbox-worker.fixtures";
import { outboxTask, TASK } from "./tasks";

/**
 * Emails in the reader's language (ADR 0033), end to end: the language saved with updateMyPreferences or the institution's
 * default set with updateInstitutionSettings, the alum's answer through the real outbox, the .eml the mailer writes.
 */
const db = useFreshDatabase("email_language", 4);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(async () => {
  removeMailFolders();
  await server.close();
});

/** Delivers every due outbox row into a folder of .eml files, with the one-click unsubscribe footer. */
async function deliverInto(folder: string): Promise<void> {
  const deliverer = new OutboxDeliverer({
    dataSource: db(),
    mailer: createFileMailer(folder),
    bus: new EventBus(),
    publicUrl: PUBLIC_URL,
    unsubscribeSigner: unsubscribeSigner(server.config.secretsKey),
  });
  const job = new OutboxJob({ dataSource: db(), deliverer, settings: settings(), logger: silent });
  await runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox: job, logger: silent }) });
}

/** A header's MIME encoded-words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) as text. */
const decodeHeader = (value: string): string =>
  value.replace(/\?=\s+=\?/g, "?==?").replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, how: string, text: string) =>
    how.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );

/** The emails delivered to one address: subject and body (both parts and the invitation). */
function mailTo(folder: string, address: string): Array<{ subject: string; body: string }> {
  return readdirSync(folder)
    .map((file) => readEml(path.join(folder, file)))
    .filter((eml) => eml.header("To") === address)
    .map((eml) => ({ subject: decodeHeader(eml.header("Subject") ?? ""), body: eml.body }));
}

const UPDATE_PREFERENCES = `mutation($input: UpdateMyPreferencesInput!) { updateMyPreferences(input: $input) { identity { locale } } }`;

async function chooseLanguage(member: BuiltMember, locale: string | null): Promise<void> {
  const token = await server.signIn(member);
  const saved = await server.gql(UPDATE_PREFERENCES, { input: { locale } }, token);
  expect(saved.errors).toBeUndefined();
}

describe("emails in the reader's language", () => {
  it("sends the alum's answer in Spanish to a student who chose Spanish, in English to one who chose nothing", async () => {
    const institution = await buildInstitution(db(), { name: "Northfield College" });
    const alum = await buildContactableAlumnus(db(), { institution, displayName: "Alex Alum" });
    const spanish = await buildSharingStudent(db(), institution);
    const english = await buildSharingStudent(db(), institution);
    await chooseLanguage(spanish, "es");
    await chooseLanguage(english, null);
    await acceptedRequest(server.services, spanish, alum);
    await acceptedRequest(server.services, english, alum, { proposedTimes: [inDays(5), inDays(6)] });
    const folder = mailFolder();
    await deliverInto(folder);

    const [es] = mailTo(folder, spanish.email);
    expect(es.subject).toMatch(/^Alex Alum aceptó: \S+, \d{1,2} \S+ \d{4}, \d{1,2}:\d{2}\s?[ap]\.\s?m\./);
    expect(es.body).toContain("Buenas noticias: Alex Alum aceptó tu solicitud de entrevista informativa.");
    expect(es.body).toContain("Duración: 30 minutos");
    expect(es.body).toContain("— Infoview, para Northfield College");
    expect(es.body).toMatch(/Dejar de recibir correos como este: http/);
    expect(es.body).toContain(`Elige qué correos te envía Infoview: ${PUBLIC_URL}/notifications`);
    expect(es.body).toContain('<html lang="es"');
    expect(es.body).toContain("SUMMARY:Entrevista informativa:");
    expect(es.body).not.toMatch(/Good news|What to do next|Stop emails like this one|Informational interview:/);

    const [en] = mailTo(folder, english.email);
    expect(en.subject).toMatch(/^Alex Alum accepted: \w{3}, \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM)/);
    expect(en.body).toContain("Good news: Alex Alum accepted your request for an informational interview.");
    expect(en.body).toMatch(/Stop emails like this one: http/);
    expect(en.body).toContain("SUMMARY:Informational interview:");
    expect(en.body).not.toMatch(/Buenas noticias|Qué hacer ahora|Dejar de recibir/);

    // The alum chose nothing either: their confirmation is in English, whatever the student reads.
    const alumMail = mailTo(folder, alum.email).map((m) => m.subject);
    expect(alumMail.filter((s) => s.startsWith("Confirmed: your conversation with"))).toHaveLength(2);
  });

  it("follows the institution's default language for people who chose none, and a person's own choice over it", async () => {
    const institution = await buildInstitution(db(), { name: "Universidad del Sur" });
    const admin = await buildAdmin(db(), { institution });
    const set = await server.gql(
      `mutation($input: UpdateInstitutionSettingsInput!) { updateInstitutionSettings(input: $input) { defaultLocale } }`,
      { input: { defaultLocale: "es" } },
      await server.signIn(admin),
    );
    expect(set.data).toEqual({ updateInstitutionSettings: { defaultLocale: "es" } });
    const alum = await buildContactableAlumnus(db(), { institution, displayName: "Alex Alum" });
    const student = await buildSharingStudent(db(), institution);
    await chooseLanguage(alum, "en");
    await acceptedRequest(server.services, student, alum);
    const folder = mailFolder();
    await deliverInto(folder);
    expect(mailTo(folder, student.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Alex Alum aceptó: /)]);
    expect(mailTo(folder, alum.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Confirmed: your conversation with /)]);

    const refused = await server.gql(
      `mutation($input: UpdateInstitutionSettingsInput!) { updateInstitutionSettings(input: $input) { defaultLocale } }`,
      { input: { defaultLocale: "fr" } },
      await server.signIn(admin),
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fields: [{ field: "defaultLocale", message: "Choose English (en) or Spanish (es)." }],
    });
  });
});
