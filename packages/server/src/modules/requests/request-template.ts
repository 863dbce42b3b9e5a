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

/** The pitch as the student's own sentences: capitalised, ending with a full stop, whatever was typed. */
export function asSentences(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (!trimmed) return "";
  const capitalised = trimmed[0].toLocaleUpperCase("en") + trimmed.slice(1);
  return /[.!?…]["')\]]?$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * Each section is a sentence that stands on its own, so the message reads naturally whatever the
 * profiles hold: the student's pitch speaks about the student, and the sentence about the alum speaks
 * about the alum's work, without claiming the alum's field is the student's own.
 */
export function templateSections(f: TemplateFacts): TemplateSections {
  const pitch = asSentences(f.pitch);
  // A pitch that already names the major is not told it twice.
  const studying = f.major && !pitch.toLowerCase().includes(f.major.toLowerCase()) ? `, studying ${f.major}` : "";
  const whoIAm = `My name is ${f.studentName}, and I am a student at ${f.institutionName}${studying}.${pitch ? ` ${pitch}` : ""}`;
  const whoReferredMe = f.referrerName ? `${f.referrerName} suggested I get in touch with you.` : null;
  const role = [f.title, f.employer ? `at ${f.employer}` : null].filter(Boolean).join(" ");
  const field = f.fieldNames.length > 0 ? listWords(f.fieldNames.map((n) => n.toLowerCase())) : "your field";
  const whyThisPerson = role
    ? `I would like to learn about careers in ${field}, and your path to your current role (${role}) is exactly the kind of experience I hope to understand better.`
    : `I would like to learn about careers in ${field}, and your experience is exactly the kind I hope to understand better.`;
  const whatIWantToLearn =
    "I would love to hear how you got started, what your work is really like day to day, and what advice you would give someone exploring it.";
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
