import { QUESTION_BANK, type SeedFile } from "./question-bank";

/**
 * Text the career-center guides themselves recommend students say or ask. None of it may be flagged
 * by the Rule #1 check: a check that flags the guides' own advice is wrong.
 */
export interface SeedSample {
  source: SeedFile;
  text: string;
}

/** Every sample interview question in the seeds: the whole question bank. */
export const SEED_SAMPLE_QUESTIONS: readonly SeedSample[] = QUESTION_BANK.map((q) => ({ source: q.source, text: q.text }));

/** The other questions the guides ask, of the reader. */
export const SEED_OTHER_QUESTIONS: readonly SeedSample[] = [
  { source: "000_a5efa48c0a1915bb.txt", text: "What is networking? What are you doing? How do you do it?" },
  { source: "003_f84dc9ad50c81ebc.txt", text: "Want to know what a career is really like?" },
];

/** The guides' suggested ways to ask for a meeting and to state its objective, verbatim. */
export const SEED_OUTREACH_SAMPLES: readonly SeedSample[] = [
  {
    source: "002_bf820803891ab528.txt",
    text: "Hello, my name is _____. I'm conducting career research in your field. I would like to meet and talk with you for about 30 minutes so that I can find out more about your field of expertise.",
  },
  {
    source: "002_bf820803891ab528.txt",
    text: "Hi, my name is _____ and I am employed at McMaster University. I got your name from _____. You're in a career area that interests me, and I was hoping that you could help me gain insights into the profession or this area of work. I'm sure that my questions could be answered in a 20-30 minute informational interview",
  },
  {
    source: "004_20ad64a27d297443.txt",
    text: "I've read books and searched websites for information on journalism, and I really feel like it's time for me to talk with someone experienced in the field to get a real-world perspective.",
  },
  {
    source: "004_20ad64a27d297443.txt",
    text: "I'm planning to move to San Francisco and want to find out everything I can about the Bay area before I start an all-out search for a job in the health care field.",
  },
  {
    source: "004_20ad64a27d297443.txt",
    text: "I've often thought about pursuing a career in theater production, and I'd like to find out more about the field and how people generally get their start.",
  },
  {
    source: "004_20ad64a27d297443.txt",
    text: "As part of my career research, I'm talking to people in a variety of fields to find out what their jobs are actually like.",
  },
  // The guides' own statements of Rule #1, which a careful student may echo in a request.
  { source: "000_a5efa48c0a1915bb.txt", text: "I am looking for information, NOT a job." },
  {
    source: "002_bf820803891ab528.txt",
    text: "I am seeking first-hand information and whatever you share with me will be appreciated and valued.",
  },
  {
    source: "004_20ad64a27d297443.txt",
    text: "I'd like to make an appointment at your convenience to learn more about your career field. I'm not trying to get a job through this particular interview.",
  },
];
