import { readdirSync } from "node:fs";
import path from "node:path";
import { tenantTransaction } from "../db/tenant-transaction";
import { createFileMailer } from "../modules/notifications/mailer";
import { addOutboxRow, buildRequestScene } from "../modules/notifications/notifications.fixtures";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { EventBus } from "../modules/notifications/pubsub";
import { LinkSigner } from "../modules/notifications/signed-links";
import { unsubscribeSigner, UNSUBSCRIBE_PURPOSE } from "../modules/notifications/unsubscribe";
import { useFreshDatabase } from "../test/database";
import { OutcomeRecorder, runDueJobs } from "../test/jobs";
import { startTestServer, type TestServer } from "../test/test-server";
import { OutboxJob } from "./outbox-job";
import { mailFolder, PUBLIC_URL, readEml, removeMailFolders, settings, silent } from "./outbox-worker.fixtures";
import { outboxTask, TASK } from "./tasks";

const db = useFreshDatabase("unsubscribe", 4);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(async () => {
  removeMailFolders();
  await server.close();
});

async function deliver(folder: string, institutionId: string) {
  const deliverer = new OutboxDeliverer({
    dataSource: db(),
    mailer: createFileMailer(folder),
    bus: new EventBus(),
    publicUrl: PUBLIC_URL,
    unsubscribeSigner: unsubscribeSigner(server.config.secretsKey),
    unsubscribeMailto: "unsubscribe@infoview.test",
  });
  const job = new OutboxJob({ dataSource: db(), deliverer, settings: settings(), logger: silent });
  const outcomes = new OutcomeRecorder();
  await runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox: job, logger: silent, onOutcome: outcomes.onOutcome }) });
  return outcomes.count(institutionId);
}

/** The link's path on the test server (emails carry PUBLIC_URL). */
const local = (url: string) => `${server.url}${new URL(url).pathname}`;

async function emailPreference(institutionId: string, identityId: string, kind: string): Promise<string | undefined> {
  const rows = await tenantTransaction(db(), { institutionId }, (m) =>
    m.query(`SELECT email FROM notification_preferences WHERE institution_id = $1 AND identity_id = $2 AND kind = $3`, [
      institutionId,
      identityId,
      kind,
    ]),
  );
  return rows[0]?.email;
}

describe("one-click unsubscribe", () => {
  it("puts List-Unsubscribe (https and mailto) and List-Unsubscribe-Post on a delivered email, and a footer with both links", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRow(db(), scene, "request.created");
    const folder = mailFolder();
    expect(await deliver(folder, scene.institution.id)).toEqual({ delivered: 1 });
    const [file] = readdirSync(folder);
    const eml = readEml(path.join(folder, file));
    const header = eml.header("List-Unsubscribe")!;
    expect(header).toMatch(
      /^<http:\/\/infoview\.test\/unsubscribe\/v1\.[\w-]+\.[\w-]+>, <mailto:unsubscribe@infoview\.test\?subject=unsubscribe>$/,
    );
    expect(eml.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const url = /<(http[^>]+)>/.exec(header)![1];
    expect(eml.body).toContain(`Stop emails like this one: ${url}`);
    expect(eml.body).toContain(`Choose which emails Infoview sends you: ${PUBLIC_URL}/notifications`);
    // The HTML part carries the same footer, as links.
    expect(eml.body).toContain(`<a href="${url}" style="color:#1d4ed8">Stop emails like this one</a>`);
    expect(eml.body).toContain(`<a href="${PUBLIC_URL}/notifications" style="color:#1d4ed8">Choose which emails Infoview sends you</a>`);

    // GET (a person, or a mail scanner) only shows the confirmation page.
    const page = await fetch(local(url));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Stop emails about new requests\?[\s\S]*<form method="post"/);
    expect(await emailPreference(scene.institution.id, scene.alumnus.identityId, "NEW_REQUEST")).toBeUndefined();

    // POST, as a mail program's one-click button sends it, without signing in, turns that kind off.
    const posted = await fetch(local(url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("You will no longer get emails about new requests by email.");
    expect(await emailPreference(scene.institution.id, scene.alumnus.identityId, "NEW_REQUEST")).toBe("OFF");
    // Nothing else changed, and the next new request sends no email.
    expect(await emailPreference(scene.institution.id, scene.alumnus.identityId, "REQUEST_ANSWERS")).toBeUndefined();
    const next = await buildRequestScene(db(), { institution: scene.institution, alumnus: scene.alumnus });
    await addOutboxRow(db(), next, "request.created");
    const folder2 = mailFolder();
    await deliver(folder2, scene.institution.id);
    expect(readdirSync(folder2)).toEqual([]);
  });

  it("refuses altered, foreign-key, expired and other-purpose links, and cannot turn off a meeting cancelled or moved", async () => {
    const scene = await buildRequestScene(db(), { state: "CANCELLED", calendarSequence: 1 });
    await addOutboxRow(db(), scene, "request.cancelled", { actor: "ALUMNUS", sequence: 1 });
    const folder = mailFolder();
    await deliver(folder, scene.institution.id);
    const file = readdirSync(folder).find((f) => f.includes("-student-"))!;
    const eml = readEml(path.join(folder, file));
    const url = /<(http[^>]+)>/.exec(eml.header("List-Unsubscribe")!)![1];
    // A locked kind: the footer offers only the preferences, and the link changes nothing.
    expect(eml.body).not.toContain("Stop emails like this one");
    const locked = await fetch(local(url), { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(locked.headers.get("x-error-code")).toBe("NOTIFICATION_LOCKED");
    expect(await locked.text()).toMatch(/cancelled or moved/);
    expect(await emailPreference(scene.institution.id, scene.student.identityId, "MEETING_CHANGES")).toBeUndefined();

    const claims = { i: scene.institution.id, p: scene.student.identityId, k: "MEETING_CHECKS", e: Math.floor(Date.now() / 1000) + 3600 };
    const post = (token: string) => fetch(`${server.url}/unsubscribe/${token}`, { method: "POST" });
    const good = unsubscribeSigner(server.config.secretsKey).sign(claims);
    const altered = good.replace(
      /\.([\w-]+)\./,
      () => `.${Buffer.from(JSON.stringify({ ...claims, k: "REQUEST_ANSWERS" })).toString("base64url")}.`,
    );
    expect(altered).not.toBe(good);
    for (const [token, status, code] of [
      [altered, 400, "LINK_INVALID"],
      [new LinkSigner(new Uint8Array(32).fill(7), UNSUBSCRIBE_PURPOSE).sign(claims), 400, "LINK_INVALID"],
      [new LinkSigner(server.config.secretsKey, "meeting-check").sign(claims), 400, "LINK_INVALID"],
      [unsubscribeSigner(server.config.secretsKey).sign({ ...claims, e: Math.floor(Date.now() / 1000) - 1 }), 410, "LINK_EXPIRED"],
    ] as const) {
      const response = await post(token);
      expect({ status: response.status, code: response.headers.get("x-error-code") }).toEqual({ status, code });
    }
    expect(await emailPreference(scene.institution.id, scene.student.identityId, "MEETING_CHECKS")).toBeUndefined();
    // The good one works, and again (unsubscribing twice is no error).
    expect((await post(good)).status).toBe(200);
    expect((await post(good)).status).toBe(200);
    expect(await emailPreference(scene.institution.id, scene.student.identityId, "MEETING_CHECKS")).toBe("OFF");
  });
});
