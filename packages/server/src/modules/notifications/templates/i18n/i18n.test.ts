import { EMAIL_NAMES } from "../../notification-kinds";
import { planDelivery } from "../../notification-plan";
import { emailPreviews, sampleFacts } from "../email-catalog";
import { catalogDifferences, literals, placeholders } from "./catalog-check";
import { EN_MESSAGES, ES_MESSAGES } from "./catalogs";
import { wordsFor } from "./words";

const PUBLIC_URL = "https://infoview.example.edu";
const NOW = new Date("2026-03-01T12:00:00Z");

/**
 * The English catalog's words a reader would notice: literal runs of two words or more. Short runs that are the same
 * in Spanish ("Video: ", "(UTC)", a "—") or only punctuation are left out.
 */
const englishWords = (): string[] =>
  [...new Set(Object.values(EN_MESSAGES).flatMap(literals))]
    .map((s) => s.replace(/^[\s,.:;()—-]+|[\s,.:;()—-]+$/g, ""))
    .filter((s) => s.split(/\s+/).length >= 2 && s.length >= 8);

/** The sample's own words (a student's message, a thank-you, reasons): written by people, not by the catalogs. */
function withoutPeoplesWords(text: string): string {
  const facts = sampleFacts("Northfield College", NOW);
  const written = [facts.message, facts.declineReason, facts.declineReferral?.note, "I found the answers I needed."];
  const thankYou =
    "Dear Alex Alum,|Thank you for taking the time to talk with me. Your advice to build a small portfolio of real projects was the most helpful part.|I will start one this month.|Best wishes,\nSam Student";
  let out = text;
  for (const w of [...written, ...thankYou.split("|")]) if (w) out = out.split(w).join("");
  return out;
}

describe("email catalogs (ICU MessageFormat, English and Spanish)", () => {
  it("has every English key in Spanish and every Spanish key in English, with the same placeholders", () => {
    expect(Object.keys(EN_MESSAGES).length).toBeGreaterThan(150);
    expect(catalogDifferences(EN_MESSAGES, ES_MESSAGES)).toEqual([]);
    // Every message parses and formats in its language.
    for (const [key, message] of Object.entries(ES_MESSAGES)) expect(() => placeholders(message)).not.toThrow(key);
  });

  it("reports a missing key, a renamed placeholder and a changed plural", () => {
    const en = { a: "Hello {name}", b: "{days, plural, one {# day} other {# days}}", c: "Bye" };
    expect(catalogDifferences(en, { a: "Hola {nombre}", b: "{days, plural, other {# días}}" })).toEqual([
      "missing in the second: c",
      "placeholders differ in a: name:1 / nombre:1",
      "placeholders differ in b: days:6(one|other) / days:6(other)",
    ]);
    expect(catalogDifferences({ a: "x" }, { a: "x", z: "y" })).toEqual(["missing in the first: z"]);
  });

  it("formats dates, times and lists the reader's way, in their own time zone", () => {
    const at = new Date("2026-03-03T15:00:00Z");
    expect(wordsFor("en").zonedTime(at, "America/Chicago")).toBe("Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago)");
    expect(wordsFor("es").zonedTime(at, "America/Mexico_City")).toBe("mar, 3 mar 2026, 9:00 a.m. GMT-6 (America/Mexico_City)");
    expect(wordsFor("es").day(at, "America/Bogota")).toBe("martes, 3 de marzo");
    expect(wordsFor("es").date(at)).toBe("3 de marzo de 2026");
    expect(wordsFor("es").list(["a", "b"])).toBe("a y b");
    expect(wordsFor("es").t("booked.nextAlumnus", { name: "Ana" })).toContain("para que Ana se entere a tiempo");
    expect(wordsFor("es").t("thankYouDue.due", { days: 1 })).toContain("dentro del día posterior a la conversación");
    expect(wordsFor("es").t("thankYouDue.due", { days: 3 })).toContain("dentro de los 3 días posteriores a la conversación");
    expect(wordsFor("en").t("thankYouDue.due", { days: 3 })).toContain("3 days ");
  });

  it("renders every kind of email (EMAIL_KINDS) in Spanish with no English catalog words left", async () => {
    const english = await emailPreviews({ institutionName: "Northfield College", publicUrl: PUBLIC_URL, now: NOW, locale: "en" });
    const spanish = await emailPreviews({ institutionName: "Northfield College", publicUrl: PUBLIC_URL, now: NOW, locale: "es" });
    expect(spanish.map((p) => `${p.kind}/${p.recipient}`)).toEqual(english.map((p) => `${p.kind}/${p.recipient}`));
    const names = new Set(spanish.map((p) => p.kind.replace(/ \(.*\)$/, "")));
    expect(EMAIL_NAMES.filter((n) => !names.has(n))).toEqual([]);
    const words = englishWords();
    expect(words.length).toBeGreaterThan(150);
    let seenInEnglish = 0;
    for (const [i, es] of spanish.entries()) {
      const en = english[i];
      const enText = withoutPeoplesWords(`${en.subject}\n${en.text}`);
      const esText = withoutPeoplesWords(`${es.subject}\n${es.text}`);
      const inEnglish = words.filter((w) => enText.includes(w));
      // The English render is made of the catalog's words (so the check below means something)…
      expect(inEnglish.length).toBeGreaterThan(0);
      seenInEnglish += inEnglish.length;
      // …and the Spanish one has none of them, in the subject, the text or the HTML.
      expect({ kind: es.kind, leaked: words.filter((w) => esText.includes(w)) }).toEqual({ kind: es.kind, leaked: [] });
      expect(es.subject).not.toBe(en.subject);
      expect(es.html).toContain('lang="es"');
      const esHtml = withoutPeoplesWords(
        es.html
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&"),
      );
      expect({ kind: es.kind, leaked: words.filter((w) => esHtml.includes(w)) }).toEqual({ kind: es.kind, leaked: [] });
      // Times in Spanish: "a.m."/"p.m.", never "AM"/"PM".
      expect(es.text).not.toMatch(/\d (AM|PM) /);
    }
    expect(seenInEnglish).toBeGreaterThan(300);
  });

  it("writes the calendar invitation's SUMMARY and DESCRIPTION in each reader's language", () => {
    const facts = sampleFacts("Northfield College", NOW, { state: "ACCEPTED" });
    const spanishStudent = { ...facts, student: { ...facts.student, locale: "es" as const } };
    const [student, alumnus] = planDelivery("request.accepted", { requestId: facts.id, sequence: 0 }, spanishStudent, {
      publicUrl: PUBLIC_URL,
    }).emails;
    expect(student.subject).toMatch(/^Alex Alum aceptó: /);
    expect(alumnus.subject).toMatch(/^Confirmed: your conversation with Sam Student/);
    const ics = (e: typeof student) => String(e.attachments[0].content).replace(/\r\n /g, "");
    expect(ics(student)).toContain("SUMMARY:Entrevista informativa: Sam Student y Alex Alum");
    expect(ics(student)).toMatch(/DESCRIPTION:Una entrevista informativa: una conversación breve/);
    expect(ics(student)).toContain("Duración: 30 minutos");
    expect(ics(student)).not.toContain("SUMMARY:Informational interview");
    expect(ics(alumnus)).toContain("SUMMARY:Informational interview: Sam Student and Alex Alum");
    // The same event for both: one UID and SEQUENCE whatever the language.
    expect(ics(student).match(/UID:.*/)?.[0]).toBe(ics(alumnus).match(/UID:.*/)?.[0]);
  });
});
