import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createFileMailer } from "../modules/notifications/mailer";
import { addOutboxRow, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { EventBus } from "../modules/notifications/pubsub";
import { useFreshDatabase } from "../test/database";
import { MemoryMailer } from "../test/test-server";
import { makeWorkerWith, mailFolder, removeMailFolders, PUBLIC_URL, readEml, record } from "./outbox-worker.fixtures";

// A database of this file's own: running the due jobs runs every one in the database, not only this file's.
const db = useFreshDatabase("outbox_delivery", 6);
const workerWith = makeWorkerWith(db);
afterAll(removeMailFolders);

describe("delivering an outbox row", () => {
  it("writes the alum a readable .eml about a new request, with the proposed times in the alum's own time zone", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRow(db(), scene, "request.created");
    const folder = mailFolder();
    const bus = new EventBus();
    const events = record(bus, scene.institution.id);
    await eventually(() => bus.subscriberCount(scene.institution.id) > 0, 5000, "the recorder to subscribe");

    const result = await workerWith(createFileMailer(folder), {}, bus).drainInstitution(scene.institution.id);

    expect(result).toEqual({ delivered: 1, failed: 0 });
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^outbox-\d{12}-alumnus-[0-9a-f-]{36}\.eml$/);
    const eml = readEml(path.join(folder, files[0]));
    expect(eml.header("To")).toBe(scene.alumnus.email);
    expect(eml.header("Subject")).toBe("Sam Student would like a short conversation with you");
    expect(eml.header("Message-ID")).toBe(`<${files[0].replace(/\.eml$/, "")}@infoview.local>`);
    expect(eml.body).toContain("asks you for an informational interview: a 30-minute video call");
    expect(eml.body).toContain("> I am exploring data science and would love to hear how you got into it.");
    // 15:00 UTC is 9:00 AM in Chicago (CST) on 3 March 2026.
    expect(eml.body).toContain(
      "The times they propose:\n  - Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago)\n  - Wed, Mar 4, 2026, 12:00 PM CST (America/Chicago)",
    );
    expect(eml.body).toContain("What to do next: accept one of these times, offer another, or decline");
    expect(eml.body).toContain(`Open the request: ${PUBLIC_URL}/alumni/requests/${scene.requestId}`);
    expect(eml.body).not.toMatch(/text\/calendar/);
    // Multipart: the same email as HTML (MJML), with the institution's name, next to the text.
    const raw = readFileSync(path.join(folder, files[0]), "utf8");
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw.indexOf("Content-Type: text/plain")).toBeLessThan(raw.indexOf("Content-Type: text/html"));
    expect(eml.body).toMatch(/<!doctype html>/i);
    expect(eml.body).toContain(`>${scene.institution.name}</div>`);
    expect(events).toEqual([
      expect.objectContaining({
        kind: "CREATED",
        requestId: scene.requestId,
        recipients: [scene.student.membershipId, scene.alumnus.membershipId],
      }),
    ]);
    expect(await outboxState(db(), scene.institution.id)).toEqual([
      expect.objectContaining({ delivered: true, attempts: 1, failed: false }),
    ]);
  });

  it("writes the calendar invite into the .eml as a text/calendar attachment", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await addOutboxRow(db(), scene, "request.accepted", { sequence: 0 });
    const folder = mailFolder();

    await workerWith(createFileMailer(folder)).drainInstitution(scene.institution.id);

    const files = readdirSync(folder).sort();
    expect(files).toEqual([expect.stringMatching(/-alumnus-.*\.eml$/), expect.stringMatching(/-student-.*\.eml$/)]);
    for (const file of files) {
      const eml = readFileSync(path.join(folder, file), "utf8");
      expect(eml).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      expect(eml).toMatch(/filename=invite\.ics/);
      // A real invitation: the text/calendar part sits in the multipart/alternative body next to the text.
      expect(eml).toMatch(/Content-Type: multipart\/alternative/);
      const alternative = eml.slice(eml.indexOf("multipart/alternative"));
      expect(alternative.indexOf("text/plain")).toBeLessThan(alternative.indexOf("text/html"));
      expect(alternative.indexOf("text/html")).toBeLessThan(alternative.indexOf("text/calendar"));
    }
  });

  it("sends both people the meeting with the calendar invite when a request is accepted, each in their own time zone", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await addOutboxRow(db(), scene, "request.accepted", {
      actor: "ALUMNUS",
      from: "REQUESTED",
      to: "ACCEPTED",
      sequence: 0,
    });
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    const byRecipient = new Map(mailer.sent.map((m) => [m.to, m]));
    const student = byRecipient.get(scene.student.email)!;
    const alumnus = byRecipient.get(scene.alumnus.email)!;
    expect(mailer.sent).toHaveLength(2);
    expect(student.subject).toBe("Alex Alum accepted: Tue, Mar 3, 2026, 10:00 AM EST (America/New_York)");
    expect(alumnus.subject).toBe("Confirmed: your conversation with Sam Student, Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago)");
    expect(student.text).toContain("Video call: https://meet.example/abc");
    expect(student.text).toContain("Length: 30 minutes");
    for (const message of [student, alumnus]) {
      expect(message.attachments).toEqual([
        expect.objectContaining({
          filename: "invite.ics",
          contentType: expect.stringContaining("method=REQUEST"),
        }),
      ]);
      expect(message.attachments![0].content).toContain("METHOD:REQUEST");
      expect(message.attachments![0].content).toContain(`UID:${scene.requestId}@infoview`);
      expect(message.attachments![0].content).toContain("DTSTART:20260303T150000Z");
      // An iTIP invitation: the organizer and both people as attendees.
      const unfolded = message.attachments![0].content.replace(/\r\n /g, "");
      expect(unfolded).toContain("ORGANIZER;CN=Infoview:mailto:no-reply@infoview.local");
      expect(unfolded).toContain(
        `ATTENDEE;CN="Sam Student";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${scene.student.email}`,
      );
      expect(unfolded).toContain(`ATTENDEE;CN="Alex Alum";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${scene.alumnus.email}`);
    }
  });

  it("sends a calendar cancellation when a booked meeting is cancelled", async () => {
    const scene = await buildRequestScene(db(), {
      state: "CANCELLED",
      calendarSequence: 1,
    });
    await addOutboxRow(db(), scene, "request.cancelled", {
      actor: "STUDENT",
      from: "ACCEPTED",
      to: "CANCELLED",
      sequence: 1,
    });
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    expect(mailer.sent.map((m) => m.to).sort()).toEqual([scene.alumnus.email, scene.student.email].sort());
    const toAlum = mailer.sent.find((m) => m.to === scene.alumnus.email)!;
    expect(toAlum.text).toContain("Sam Student cancelled your conversation planned for Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago).");
    expect(mailer.sent.find((m) => m.to === scene.student.email)!.text).toContain("You cancelled your conversation with Alex Alum");
    const ics = toAlum.attachments![0];
    expect(ics.filename).toBe("cancel.ics");
    expect(ics.content).toContain("METHOD:CANCEL");
    expect(ics.content).toContain("SEQUENCE:1");
  });

  it("leaves out an invite that a later change has replaced, rather than send a stale one", async () => {
    const scene = await buildRequestScene(db(), {
      state: "ACCEPTED",
      calendarSequence: 1,
    });
    await addOutboxRow(db(), scene, "request.accepted", {
      actor: "ALUMNUS",
      sequence: 0,
    });
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    expect(mailer.sent).toHaveLength(2);
    for (const message of mailer.sent) {
      expect(message.attachments).toEqual([]);
      expect(message.text).toContain("The meeting has changed since this message was written");
    }
  });

  it("reminds only the student to send a thank-you, with no invite", async () => {
    const scene = await buildRequestScene(db(), {
      state: "COMPLETED",
      closedAt: new Date(),
    });
    await addOutboxRow(db(), scene, "followup.thank_you_due");
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    expect(mailer.sent).toEqual([
      expect.objectContaining({
        to: scene.student.email,
        subject: "Time to thank Alex Alum",
        attachments: [],
      }),
    ]);
  });

  it("delivers a topic with nothing to send (consent.withdrawn) by marking it delivered", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRow(db(), scene, "consent.withdrawn");
    const mailer = new MemoryMailer();

    expect(await workerWith(mailer).drainInstitution(scene.institution.id)).toEqual({ delivered: 1, failed: 0 });
    expect(mailer.sent).toEqual([]);
  });
});
