/**
 * The request message, built the way the guides say to write it (seeds 001, 002, 004): introduce
 * yourself and who suggested you get in touch, say why this person and what you would like to learn,
 * then ask for a short 20–30 minute conversation, making clear it is for information, not a job.
 * Pure: the service gathers the facts, the student edits the result.
 */

export interface TemplateFacts {
  studentName: string;
  institutionName: string;
  major: string | null;
  /** The student's elevator pitch; may be empty. */
  pitch: string;
  alumnusName: string;
  title: string | null;
  employer: string | null;
  /** Names of the alum's career fields. */
  fieldNames: string[];
  referrerName: string | null;
  meetingMinutes: number;
}

export interface TemplateSections {
  whoIAm: string;
  whoReferredMe: string | null;
  whyThisPerson: string;
  whatIWantToLearn: string;
  theAsk: string;
}

const firstName = (name: string): string => name.trim().split(/\s+/)[0] || name;

function listWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "20–30 minutes" for the usual half hour, else the institution's length. */
export function meetingLengthWords(minutes: number): string {
  return minutes === 30 ? "20–30 minutes" : `${minutes} minutes`;
}

export function templateSections(f: TemplateFacts): TemplateSections {
  const studying = f.major ? `, studying ${f.major}` : "";
  const pitch = f.pitch.trim();
  const whoIAm = `My name is ${f.studentName}, and I am a student at ${f.institutionName}${studying}.${pitch ? ` ${pitch}` : ""}`;
  const whoReferredMe = f.referrerName ? `${f.referrerName} suggested I get in touch with you.` : null;
  const role = [f.title, f.employer ? `at ${f.employer}` : null].filter(Boolean).join(" ");
  const field = f.fieldNames.length > 0 ? listWords(f.fieldNames.map((n) => n.toLowerCase())) : "your field";
  const whyThisPerson = role
    ? `I am researching careers in ${field}, and your path to your work as ${role} is exactly the kind of experience I would like to understand better.`
    : `I am researching careers in ${field}, and your experience is exactly the kind I would like to understand better.`;
  const whatIWantToLearn =
    "I would love to hear how you got started, what your work is really like day to day, and what advice you would give someone preparing for this field.";
  const theAsk =
    `I am looking for information and advice only. Would you have ${meetingLengthWords(f.meetingMinutes)} for a short conversation? ` +
    "I have suggested a few times below and am glad to work around your schedule.";
  return { whoIAm, whoReferredMe, whyThisPerson, whatIWantToLearn, theAsk };
}

export function templateMessage(f: TemplateFacts, sections = templateSections(f)): string {
  const body = [sections.whoIAm, sections.whoReferredMe, sections.whyThisPerson, sections.whatIWantToLearn, sections.theAsk].filter(
    (part): part is string => !!part,
  );
  return [`Dear ${firstName(f.alumnusName)},`, ...body, `Thank you for considering it,\n${f.studentName}`].join("\n\n");
}
