import { readFileSync } from "node:fs";
import path from "node:path";
import { EMAIL_KINDS, EMAIL_NAMES, NOTIFICATION_KINDS } from "../notification-kinds";
import { planDelivery, SILENT_TOPICS } from "../notification-plan";
import { ACCOUNT_EMAIL_PURPOSES } from "./account-emails";
import { emailPreviews, REQUEST_EMAIL_KINDS, sampleFacts } from "./email-catalog";
import { emailHtml, emailText } from "./email-layout";

const PUBLIC_URL = "https://infoview.example.edu";
const NOW = new Date("2026-03-01T12:00:00Z");

/** The body of the HTML with its tags removed: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("email templates (MJML)", () => {
  it("renders every kind of email with text and HTML, the institution's name in both", async () => {
    const previews = await emailPreviews({ institutionName: "Northfield College", publicUrl: PUBLIC_URL, now: NOW });
    const kinds = new Set(previews.map((p) => p.kind));
    // The request variants, three digests, the career center's accommodation notice, four account emails, the
    // erasure confirmation and the new alum's invitation to volunteer.
    expect(kinds.size).toBe(REQUEST_EMAIL_KINDS.length + 3 + 1 + 4 + 1 + 1);
    for (const p of previews) {
      expect(p.subject.length).toBeGreaterThan(0);
      expect(p.html).toMatch(/^<!doctype html>/i);
      // Readable on a phone: a viewport, a 600px column that shrinks, a media query for narrow screens.
      expect(p.html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
      expect(p.html).toMatch(/max-width:600px/);
      expect(p.html).toMatch(/@media only screen and \(min-width:480px\)/);
      // A sign-in link, a reset or an address check is sent before any institution is known.
      const knowsInstitution = !["account.sign_in_link", "account.password_reset", "account.verify_email"].includes(p.kind);
      expect(visible(p.html)).toContain(knowsInstitution ? "Northfield College" : "Infoview");
      if (knowsInstitution) expect(p.text).toContain("Northfield College");
      // Every sentence of the text is in the HTML too.
      const firstSentence = p.text.split("\n\n")[1].split("\n")[0].split(": http")[0];
      expect(visible(p.html)).toContain(firstSentence.replace(/\s+/g, " ").slice(0, 40));
    }
    const accepted = previews.filter((p) => p.kind === "request.accepted");
    expect(accepted.map((p) => p.calendarMethod)).toEqual(["REQUEST", "REQUEST"]);
    expect(previews.filter((p) => p.kind === "request.cancelled").map((p) => p.calendarMethod)).toEqual(["CANCEL", "CANCEL"]);
  });

  it("previews every email the system can send (EMAIL_KINDS), and nothing that is not one", async () => {
    const previews = await emailPreviews({ institutionName: "Northfield College", publicUrl: PUBLIC_URL, now: NOW });
    const names = new Set(previews.map((p) => p.kind.replace(/ \(.*\)$/, "")));
    expect(EMAIL_NAMES.filter((n) => !names.has(n))).toEqual([]);
    expect([...names].filter((n) => !(EMAIL_NAMES as string[]).includes(n))).toEqual([]);
    // Every kind a person chooses about governs at least one email (a new kind needs its emails listed).
    const governed = new Set(Object.values(EMAIL_KINDS));
    expect(NOTIFICATION_KINDS.filter((k) => !governed.has(k))).toEqual([]);
    // Every account email purpose is listed.
    for (const purpose of ACCOUNT_EMAIL_PURPOSES) expect(EMAIL_NAMES).toContain(`account.${purpose.toLowerCase()}`);
  });

  it("lists every outbox topic either as an email or as one that sends none", () => {
    const source = readFileSync(path.join(__dirname, "..", "..", "..", "db", "outbox.ts"), "utf8");
    const union = source.slice(source.indexOf("export type OutboxTopic"), source.indexOf(";", source.indexOf("export type OutboxTopic")));
    const topics = [...union.matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]);
    expect(topics.length).toBeGreaterThan(15);
    expect(topics.filter((t) => !(EMAIL_NAMES as string[]).includes(t) && !SILENT_TOPICS.has(t))).toEqual([]);
  });

  it("covers every topic planDelivery writes emails for", () => {
    const source = readFileSync(path.join(__dirname, "..", "notification-plan.ts"), "utf8");
    const topics = [...source.matchAll(/case "((?:request|followup)\.[a-z_]+)":/g)].map((m) => m[1]);
    expect(topics.length).toBeGreaterThan(10);
    const covered = new Set(REQUEST_EMAIL_KINDS.map((k) => k.topic));
    expect(topics.filter((t) => !covered.has(t))).toEqual([]);
    expect(topics.filter((t) => !(EMAIL_NAMES as string[]).includes(t))).toEqual([]);
  });

  it("keeps a name with markup as text: escaped in the HTML, never a tag", async () => {
    const facts = sampleFacts("Tom & Jerry's <b>College</b>", NOW, {
      state: "REQUESTED",
      student: { membershipId: "s", name: "<script>alert(1)</script>", email: "s@example.edu", timeZone: "UTC", locale: "en" },
      message: 'Hi "there" <img src=x onerror=alert(2)>',
    });
    const [email] = planDelivery("request.created", { requestId: facts.id }, facts, { publicUrl: PUBLIC_URL }).emails;
    const html = await emailHtml(email);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/<b>College/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(visible(html)).toContain("Tom & Jerry's <b>College</b>");
    // The text part is the words as written.
    expect(email.text).toContain("<script>alert(1)</script>, a student at Tom & Jerry's <b>College</b>");
  });

  it("turns the one-click answers into links and the request link into a button", async () => {
    const facts = sampleFacts("Northfield College", NOW, { state: "ACCEPTED" });
    const [student] = planDelivery("request.meeting_check", { requestId: facts.id, reminder: "CHECK_1", sequence: 0 }, facts, {
      publicUrl: PUBLIC_URL,
      meetingCheckToken: () => "tok.en",
    }).emails;
    const html = await emailHtml(student);
    expect(html).toContain(`<a href="${PUBLIC_URL}/meeting-check#token=tok.en&amp;answer=HAPPENED" style="color:#1d4ed8">It happened</a>`);
    expect(html).toMatch(
      new RegExp(`<a\\s+href="${PUBLIC_URL}/student/conversations/${facts.id}"[^>]*>[\\s\\S]*?Open the request[\\s\\S]*?</a>`),
    );
    expect(emailText(student)).toBe(student.text);
  });
});
