/** The five consent kinds, in the order they are shown. Mirrors the CHECK constraint in the Foundation migration. */
export const CONSENT_KINDS = [
  "ALUMNUS_LISTED",
  "ALUMNUS_CONTACT",
  "ALUMNUS_SHARE_CONTACT",
  "STUDENT_SHARE_WITH_ALUMNI",
  "STUDENT_SHARE_WITH_ADVISORS",
] as const;

export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const ALUMNUS_CONSENTS: ConsentKind[] = ["ALUMNUS_LISTED", "ALUMNUS_CONTACT", "ALUMNUS_SHARE_CONTACT"];
export const STUDENT_CONSENTS: ConsentKind[] = ["STUDENT_SHARE_WITH_ALUMNI", "STUDENT_SHARE_WITH_ADVISORS"];

/** Version 1 of each consent text, in plain English, naming the institution that asks. */
export function consentTextBodies(institutionName: string): Record<ConsentKind, string> {
  return {
    ALUMNUS_LISTED:
      `List me in the ${institutionName} alumni directory on Infoview. Signed-in students and career advisors ` +
      `of ${institutionName} will see my name, employer, job title, industry, career fields, location, class year, ` +
      `major and the topics I say I can talk about. My contact details are not part of this. I can withdraw at any ` +
      `time, and my profile is hidden from the directory as soon as I do.`,
    ALUMNUS_CONTACT:
      `Let students of ${institutionName} ask me for informational interviews through Infoview: short conversations ` +
      `about my work and my field, never requests for a job. I choose how many conversations a month I can take, ` +
      `I can pause, and I can decline any request. I can withdraw at any time; after that no new requests reach me.`,
    ALUMNUS_SHARE_CONTACT:
      `Share my contact email and phone number with a student only after I accept their request, so we can arrange ` +
      `and hold the conversation. Students whose requests I have not accepted never see them. I can withdraw at any ` +
      `time; my details are then no longer shown to anyone.`,
    STUDENT_SHARE_WITH_ALUMNI:
      `Share my Infoview profile (my name, major, class year, the fields and industries I am exploring and my ` +
      `background pitch) with the ${institutionName} alumni I send requests to, so they can decide whether and how ` +
      `to help. Only the alumni I contact see it. I can withdraw at any time; I then cannot send new requests.`,
    STUDENT_SHARE_WITH_ADVISORS:
      `Let career advisors at ${institutionName} see my Infoview profile and my informational-interview activity ` +
      `(the requests I send, their outcomes and my follow-ups) so they can support me and report on the program. ` +
      `I can withdraw at any time, and advisors stop seeing my activity as soon as I do.`,
  };
}
