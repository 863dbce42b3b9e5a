import type { Modality } from "../../../graphql/types.generated";

/**
 * The guides' steps before and during an informational interview, and where the student's ticks are kept
 * (ADR 0034): in this browser's localStorage, one record per person, institution and request, so they survive a
 * reload and a sign-out on the student's own device and are never shown to another person signed in on it.
 */

/** The checklist, in the order the career-center guides give it. */
export const CHECKLIST_ITEMS = ["lookUp", "questions", "notAJob", "wear", "directions", "onTime", "keepTime", "whoElse"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** The steps that apply to a meeting: what to wear for video and in person, directions and parking only in person. */
export function checklistFor(modality: Modality): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((item) => {
    if (item === "directions") return modality === "IN_PERSON";
    if (item === "wear") return modality !== "PHONE";
    return true;
  });
}

/** What the student ticked for one request, and when they started the meeting's timer (ms since the epoch). */
export interface PrepRecord {
  checklist: string[];
  asked: string[];
  timerStartedAt: number | null;
}

export const EMPTY_PREP: PrepRecord = { checklist: [], asked: [], timerStartedAt: null };

const PREFIX = "infoview:meeting-prep:";

export function prepKey(owner: { identityId: string; institutionId: string }, requestId: string): string {
  return `${PREFIX}${owner.identityId}:${owner.institutionId}:${requestId}`;
}

function store(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The kept record, or an empty one; anything unreadable counts as nothing ticked. */
export function loadPrep(key: string): PrepRecord {
  try {
    const raw = store()?.getItem(key);
    if (!raw) return EMPTY_PREP;
    const parsed = JSON.parse(raw) as Partial<Record<keyof PrepRecord, unknown>>;
    const started = typeof parsed.timerStartedAt === "number" && Number.isFinite(parsed.timerStartedAt) ? parsed.timerStartedAt : null;
    return { checklist: strings(parsed.checklist), asked: strings(parsed.asked), timerStartedAt: started };
  } catch {
    return EMPTY_PREP;
  }
}

export function savePrep(key: string, record: PrepRecord): void {
  try {
    store()?.setItem(key, JSON.stringify(record));
  } catch {
    // Storage full or disabled: the ticks still work on the page, only they are not remembered.
  }
}

/** A list with `id` ticked or not, each id at most once, in the order ticked. */
export function withTick(list: string[], id: string, on: boolean): string[] {
  const without = list.filter((x) => x !== id);
  return on ? [...without, id] : without;
}
