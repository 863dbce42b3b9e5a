import { templateMessage, templateSections, type TemplateFacts } from "./request-template";
import { checkRuleOne } from "./rule-one";

const facts = (overrides: Partial<TemplateFacts> = {}): TemplateFacts => ({
  studentName: "Ada Student",
  institutionName: "Test University",
  major: "Economics",
  pitch: "I have spent two summers analysing survey data and want to understand careers in data science.",
  alumnusName: "Grace Hopper",
  title: "Data Scientist",
  employer: "Acme Analytics",
  fieldNames: ["Data Science"],
  referrerName: null,
  meetingMinutes: 30,
  ...overrides,
});

describe("the request template", () => {
  it("follows the guides: who I am, why this person, what I want to learn, a 20–30 minute ask for information", () => {
    const message = templateMessage(facts());
    expect(message.startsWith("Dear Grace,")).toBe(true);
    expect(message).toContain("My name is Ada Student, and I am a student at Test University, studying Economics.");
    expect(message).toContain("two summers analysing survey data");
    expect(message).toContain("Data Scientist at Acme Analytics");
    expect(message).toContain("careers in data science");
    expect(message).toContain("20–30 minutes");
    expect(message).toContain("information and advice only");
    expect(message.endsWith("Ada Student")).toBe(true);
  });

  it("names the referrer only when there is one", () => {
    expect(templateSections(facts()).whoReferredMe).toBeNull();
    expect(templateMessage(facts({ referrerName: "Alan Turing" }))).toContain("Alan Turing suggested I get in touch with you.");
  });

  it("works without a pitch, a job title or career fields", () => {
    const message = templateMessage(
      facts({
        pitch: "",
        title: null,
        employer: null,
        fieldNames: [],
        major: null,
      }),
    );
    expect(message).toContain("I am a student at Test University.");
    expect(message).toContain("careers in your field");
  });

  it("turns a pitch typed as a fragment into a sentence, and does not repeat the major the pitch names", () => {
    const { whoIAm } = templateSections(facts({ pitch: "  interested in brand management and   consumer research", major: "Marketing" }));
    expect(whoIAm).toBe(
      "My name is Ada Student, and I am a student at Test University, studying Marketing. Interested in brand management and consumer research.",
    );
    const named = templateSections(facts({ pitch: "I'm a junior in Economics who loves data." })).whoIAm;
    expect(named).toBe("My name is Ada Student, and I am a student at Test University. I'm a junior in Economics who loves data.");
  });

  it("speaks of the alum's field as something to learn about, not as the student's own research, when they differ", () => {
    const message = templateMessage(facts({ pitch: "I want to work in brand management.", fieldNames: ["Software Engineering"] }));
    expect(message).not.toMatch(/I am researching careers in software engineering/);
    expect(message).toContain("I would like to learn about careers in software engineering");
    expect(message).toContain("your current role (Data Scientist at Acme Analytics)");
    // Every section is its own sentence: no section runs into the next.
    for (const section of Object.values(templateSections(facts({ pitch: "no full stop here" })))) {
      if (section) expect(section).toMatch(/[.?!]$/);
    }
  });

  it("uses the institution's meeting length when it is not the usual half hour", () => {
    expect(templateMessage(facts({ meetingMinutes: 20 }))).toContain("20 minutes for a short conversation");
  });

  it("passes the Rule #1 check as written", () => {
    expect(checkRuleOne(templateMessage(facts({ referrerName: "Alan Turing" }))).flagged).toBe(false);
  });
});
