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

  it("uses the institution's meeting length when it is not the usual half hour", () => {
    expect(templateMessage(facts({ meetingMinutes: 20 }))).toContain("20 minutes for a short conversation");
  });

  it("passes the Rule #1 check as written", () => {
    expect(checkRuleOne(templateMessage(facts({ referrerName: "Alan Turing" }))).flagged).toBe(false);
  });
});
