/**
 * The question bank students start from when they prepare (step 3, "Prepare"): every sample
 * question in the five career-center guides in shared/seeds, grouped by theme.
 *
 * - "verbatim": the question appears word for word in the guide.
 * - "adapted": the guide describes the question in prose ("ask who they suggest you contact next";
 *   "these could include what initially drew them to the field") and it is written here as the
 *   student would ask it, changing as few words as possible.
 * - `closed: true` marks the few that are yes/no questions as written. They are kept because the
 *   guides recommend asking them (permission, referrals), and the question check flags them.
 *
 * Left out on purpose: seed 004's "ask in a general way if your contact knows of any job openings"
 * (allowed at the close of a conversation, but it is a Rule #1 ask in a request message), and the
 * guides' questions to the reader ("What is networking?"), which are not interview questions.
 *
 * Ids are stable slugs: never change or reuse one, even if the text is edited.
 */

export const SEED_FILES = [
  "000_a5efa48c0a1915bb.txt",
  "001_4438f509d727c33a.txt",
  "002_bf820803891ab528.txt",
  "003_f84dc9ad50c81ebc.txt",
  "004_20ad64a27d297443.txt",
] as const;
export type SeedFile = (typeof SEED_FILES)[number];

export type QuestionThemeId =
  | "getting-in"
  | "day-to-day"
  | "likes-and-challenges"
  | "skills-and-preparation"
  | "field-and-future"
  | "culture-and-fit"
  | "advice-and-next-people"
  | "setting-up"
  | "staying-in-touch";

export interface QuestionTheme {
  id: QuestionThemeId;
  label: string;
  /** What the seeds say this part of the conversation is for. */
  description: string;
}

export const QUESTION_THEMES: readonly QuestionTheme[] = [
  { id: "getting-in", label: "Getting in", description: "How they started, what drew them to the field, how people break in." },
  { id: "day-to-day", label: "Day to day", description: "What the work is really like: a typical day, the demands, the decisions." },
  {
    id: "likes-and-challenges",
    label: "Likes and challenges",
    description: "The pros and cons, the sources of satisfaction, what is hard.",
  },
  {
    id: "skills-and-preparation",
    label: "Skills and preparation",
    description: "The education, training and experience that prepare someone for the role.",
  },
  {
    id: "field-and-future",
    label: "The field and its future",
    description: "What is changing, the outlook, the opportunities in the field.",
  },
  { id: "culture-and-fit", label: "Culture and fit", description: "Who does well, and the realities of the working environment." },
  {
    id: "advice-and-next-people",
    label: "Advice and next people to talk to",
    description: "Their advice, and who to talk to next: the most important question.",
  },
  { id: "setting-up", label: "Setting up the conversation", description: "When and whether to talk, when the person is busy." },
  { id: "staying-in-touch", label: "Staying in touch", description: "Permission to contact them again and to follow up." },
];

export interface BankQuestion {
  /** Stable slug. */
  id: string;
  theme: QuestionThemeId;
  text: string;
  source: SeedFile;
  origin: "verbatim" | "adapted";
  /** A yes/no question as written; the question check must flag it. */
  closed: boolean;
}

type Entry = [id: string, theme: QuestionThemeId, text: string, closed?: "closed"];

function fromSeed(source: SeedFile, origin: BankQuestion["origin"], entries: Entry[]): BankQuestion[] {
  return entries.map(([id, theme, text, closed]) => ({ id, theme, text, source, origin, closed: closed === "closed" }));
}

export const QUESTION_BANK: readonly BankQuestion[] = [
  // 000, step 3a: "Plan open ended questions that need more than a 'yes' or 'no' response."
  ...fromSeed("000_a5efa48c0a1915bb.txt", "verbatim", [
    ["how-get-into-line-of-work", "getting-in", "How do you get into this line of work?"],
    ["what-enjoy-about-it", "likes-and-challenges", "What do you enjoy about it?"],
    ["what-find-challenging", "likes-and-challenges", "What do you find challenging or difficult?"],
    ["whats-changing-in-sector", "field-and-future", "What's changing in the sector?"],
    ["vital-steps-to-prepare", "skills-and-preparation", "What are the vital steps someone should take to prepare for a role like yours?"],
    [
      "past-experiences-to-excel",
      "skills-and-preparation",
      "What past professional experiences allowed you to excel in your current position?",
    ],
    ["kinds-of-people-do-well", "culture-and-fit", "What kinds of people do well in this industry?"],
  ]),
  // 000, step 5f: "ask for names of other people to meet as to gain different perspectives".
  ...fromSeed("000_a5efa48c0a1915bb.txt", "adapted", [
    ["other-people-to-meet", "advice-and-next-people", "Who else should I meet to gain different perspectives?"],
    ["may-i-contact-you-in-future", "staying-in-touch", "May I contact you in the future?", "closed"],
  ]),
  // 001, "Before the Meeting" and "During the Meeting" (described in prose).
  ...fromSeed("001_4438f509d727c33a.txt", "adapted", [
    ["what-drew-you-to-field", "getting-in", "What initially drew you to the field?"],
    ["future-of-your-industry", "field-and-future", "How do you see the future of your industry?"],
    ["what-training-you-needed", "skills-and-preparation", "What sort of training did you need?"],
    ["who-to-contact-next", "advice-and-next-people", "Who do you suggest I contact next to learn more?"],
    [
      "send-contact-or-introduce",
      "advice-and-next-people",
      "Could you send me their contact information or write an introductory email?",
      "closed",
    ],
  ]),
  // 002, "Sample Informational Interview Questions".
  ...fromSeed("002_bf820803891ab528.txt", "verbatim", [
    ["what-motivated-you", "getting-in", "What motivated you to pursue this role?"],
    ["typical-day", "day-to-day", "What is your typical day like?"],
    [
      "challenges-and-decisions",
      "day-to-day",
      "What challenges do you typically deal with through the services you provide and what kind of decisions do you generally make?",
    ],
    ["like-most-about-work", "likes-and-challenges", "What do you like most about your work?"],
    ["like-least-about-work", "likes-and-challenges", "What do you like least about it?"],
    [
      "education-that-prepared-you",
      "skills-and-preparation",
      "What education, professional development and experience helped you prepare for this role?",
    ],
    [
      "specific-educational-requirements",
      "skills-and-preparation",
      "Are there any specific educational requirements for this work?",
      "closed",
    ],
    ["additional-advice", "advice-and-next-people", "Based on what you know and have experienced, what additional advice can you offer?"],
    ["opportunities-in-field", "field-and-future", "What are the opportunities in this field?"],
    ["what-else-helpful", "advice-and-next-people", "What else may be helpful to know?"],
  ]),
  // 002, "In Person or by Phone": "ask when would be a convenient time to call back or ask if they prefer you speak with someone else".
  ...fromSeed("002_bf820803891ab528.txt", "adapted", [
    ["convenient-time-to-call-back", "setting-up", "When would be a convenient time to call back?"],
    ["prefer-someone-else", "setting-up", "Would you prefer I speak with someone else?", "closed"],
  ]),
  // 003, "Benefits include" and "How to Conduct an Informational Interview" (described in prose).
  ...fromSeed("003_f84dc9ad50c81ebc.txt", "adapted", [
    ["career-really-like", "day-to-day", "What is this career really like?"],
    ["realities-of-environment", "culture-and-fit", "What are the realities of working in this environment?"],
    ["marketplace-information", "field-and-future", "What should I know about the marketplace for this work?"],
    ["how-to-break-in", "getting-in", "How would someone break into this field?"],
    ["internships-for-experience", "skills-and-preparation", "Which internships would help me gain related work experience?"],
    ["introductions-to-professionals", "advice-and-next-people", "Could you introduce me to other professionals in the field?", "closed"],
    ["may-i-follow-up", "staying-in-touch", "May I follow up with you in a few months?", "closed"],
  ]),
  // 004: the topics of an appointment, the advice you may ask for, and the close of the interview.
  ...fromSeed("004_20ad64a27d297443.txt", "adapted", [
    ["pros-and-cons", "likes-and-challenges", "What are the pros and cons of the work?"],
    ["demands-of-work", "day-to-day", "What are the demands of the work?"],
    ["sources-of-satisfaction", "likes-and-challenges", "What are the sources of satisfaction in your work?"],
    ["training-required", "skills-and-preparation", "What training is required?"],
    ["future-outlook", "field-and-future", "What is the future outlook for the field?"],
    ["how-people-get-their-start", "getting-in", "How do people generally get their start in this field?"],
    ["job-actually-like", "day-to-day", "What is your job actually like?"],
    ["how-get-relevant-experience", "skills-and-preparation", "How can I get relevant experience?"],
    ["how-get-appropriate-training", "skills-and-preparation", "How can I get appropriate training?"],
    ["how-start-job-search", "advice-and-next-people", "How should I start my job search?"],
    [
      "other-people-who-might-help",
      "advice-and-next-people",
      "Do you know of other people who might help me with further information or different perspectives?",
      "closed",
    ],
    ["refer-me-to-anyone-else", "advice-and-next-people", "Can you refer me to anyone else in the field?", "closed"],
    ["may-i-use-your-name", "advice-and-next-people", "May I use your name when I introduce myself?", "closed"],
    ["good-time-to-talk", "setting-up", "Is this a good time to talk?", "closed"],
  ]),
];

export function questionsInTheme(theme: QuestionThemeId): BankQuestion[] {
  return QUESTION_BANK.filter((q) => q.theme === theme);
}

export function findQuestion(id: string): BankQuestion | undefined {
  return QUESTION_BANK.find((q) => q.id === id);
}
