import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findQuestion, QUESTION_BANK, QUESTION_THEMES, questionsInTheme, SEED_FILES } from "./question-bank";
import { checkQuestion, OPEN_IT_UP_HINT, suggestOpenQuestion } from "./question-check";

/** Closed questions students write, and the open question suggested instead. */
const CLOSED: Array<[question: string, suggestion: string]> = [
  ["Do you like your job?", "What do you enjoy most about your job?"],
  ["So, do you enjoy working remotely?", "What do you enjoy most about working remotely?"],
  ["Is it hard to get into consulting?", "How hard is it to get into consulting?"],
  ["Are there any books you’d recommend?", "What books would you recommend?"],
  ["Do you have any advice for a new grad?", "What advice do you have for a new grad?"],
  ["Should I get an MBA?", "What should I consider when deciding whether to get an MBA?"],
  ["Did you always want to be a lawyer?", "What made you want to be a lawyer?"],
  ["Do you think AI will change the field?", "What are your thoughts on whether AI will change the field?"],
  ["Are the hours long?", "How long are the hours?"],
  ["Does the job require a lot of travel?", "How much travel does the job require?"],
  ["Does the role involve managing people?", "How much does the role involve managing people?"],
  ["Is it possible to switch into UX from marketing?", "What would it take to switch into UX from marketing?"],
  ["Can I break into tech without a CS degree?", "How might I break into tech without a CS degree?"],
  ["Are you happy with your career choice?", "How do you feel about your career choice?"],
  ["Would you recommend this career to a new graduate?", "Why would (or wouldn't) you recommend this career to a new graduate?"],
  ["Do you find the work rewarding?", "What do you find most rewarding about the work?"],
  ["Is it worth getting a master's degree?", "What are the pros and cons of getting a master's degree?"],
  ["Do I need to know Python?", "How important is it to know Python?"],
  ["do you know anyone who works in UX research", "Who else works in UX research?"],
  ["Is there a dress code for new hires?", "What does the dress code look like for new hires?"],
  ["Are there many jobs in this field?", "How many jobs are there in this field?"],
  ["Have you ever worked abroad?", OPEN_IT_UP_HINT],
  ["Was it a hard decision to leave academia?", OPEN_IT_UP_HINT],
  ["Isn't the pay low at first?", OPEN_IT_UP_HINT],
];

/** Open questions, including yes/no-shaped ones that ask for an account ("Can you tell me..."). */
const OPEN: string[] = [
  "What do you enjoy most about your job?",
  "How did you get started in marketing?",
  "Why did you choose this field over others?",
  "Can you tell me about a typical week?",
  "Could you describe the path that led you here?",
  "Would you walk me through how a project runs from start to finish?",
  "Do you know how most people in your role got started?",
  "Tell me about the biggest surprise in your first year.",
  "Which skills matter most in your day-to-day work?",
  "Where do you see the industry in five years?",
  "When did you know this was the right career for you?",
  "Who has influenced your career the most?",
  "Is it better to specialize early, or how should I think about it?",
  "If you were starting over, what would you do differently?",
  "Can you explain what a product manager actually does?",
  "In your experience, what makes someone stand out as a new hire?",
  "Describe a challenge you faced recently.",
];

describe("checkQuestion: closed questions", () => {
  it.each(CLOSED)("flags %j and suggests %j", (question, suggestion) => {
    expect(checkQuestion(question)).toEqual({ closed: true, suggestion });
  });

  it.each(CLOSED.filter(([, s]) => s !== OPEN_IT_UP_HINT))("the rewrite of %j is itself open", (_question, suggestion) => {
    expect(checkQuestion(suggestion).closed).toBe(false);
  });

  it("falls back to general advice only when no rewrite fits", () => {
    expect(suggestOpenQuestion("Have you ever worked abroad?")).toBeNull();
    expect(suggestOpenQuestion("Do you like your job?")).not.toBeNull();
  });
});

describe("checkQuestion: open questions", () => {
  it.each(OPEN)("does not flag %j", (question) => {
    expect(checkQuestion(question)).toEqual({ closed: false, suggestion: null });
  });

  it("tells an embedded question from a relative clause", () => {
    expect(checkQuestion("Do you know who I should talk to next?").closed).toBe(false);
    expect(checkQuestion("Do you know people who work in policy?").closed).toBe(true);
    expect(checkQuestion("Is there a time when I could call back?").closed).toBe(true);
    expect(checkQuestion("Do you like your job, and why?").closed).toBe(false);
  });

  it("does not treat statements or imperatives as closed questions", () => {
    expect(checkQuestion("Have a great weekend!").closed).toBe(false);
    expect(checkQuestion("").closed).toBe(false);
  });
});

describe("question bank", () => {
  const open = QUESTION_BANK.filter((q) => !q.closed);
  const closed = QUESTION_BANK.filter((q) => q.closed);

  it.each(open.map((q) => [q.id, q.text]))("open seed question %s is not flagged: %j", (_id, text) => {
    expect(checkQuestion(text)).toEqual({ closed: false, suggestion: null });
  });

  it.each(closed.map((q) => [q.id, q.text]))("closed seed question %s is flagged with a suggestion: %j", (_id, text) => {
    const { closed: isClosed, suggestion } = checkQuestion(text);
    expect(isClosed).toBe(true);
    expect(suggestion).not.toBeNull();
    if (suggestion !== OPEN_IT_UP_HINT) expect(checkQuestion(suggestion!).closed).toBe(false);
  });

  it("has unique, stable slug ids", () => {
    const ids = QUESTION_BANK.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("uses every theme, and only known themes", () => {
    const themes = new Set(QUESTION_THEMES.map((t) => t.id));
    for (const q of QUESTION_BANK) expect(themes.has(q.theme)).toBe(true);
    for (const t of QUESTION_THEMES) expect(questionsInTheme(t.id).length).toBeGreaterThan(0);
  });

  it("draws on all five seed guides, with question texts that are questions", () => {
    expect(new Set(QUESTION_BANK.map((q) => q.source))).toEqual(new Set(SEED_FILES));
    for (const q of QUESTION_BANK) expect(q.text).toMatch(/^[A-Z].*\?$/);
  });

  it("finds a question by id", () => {
    expect(findQuestion("who-to-contact-next")?.theme).toBe("advice-and-next-people");
    expect(findQuestion("no-such-question")).toBeUndefined();
  });

  // The five career-center guides, copied into the repository so that every checkout runs these cases.
  const guidesDir = path.resolve(__dirname, "../../test/fixtures/guides");
  const flat = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ");

  it("has every guide the bank cites in the repository", () => {
    for (const source of SEED_FILES) expect(existsSync(path.join(guidesDir, source))).toBe(true);
  });

  it.each(QUESTION_BANK.filter((q) => q.origin === "verbatim").map((q) => [q.id, q.source, q.text]))(
    "verbatim question %s appears word for word in %s",
    (_id, source, text) => {
      expect(flat(readFileSync(path.join(guidesDir, source), "utf8"))).toContain(flat(text));
    },
  );
});
