import { registerEnumType } from "type-graphql";
import type { Role } from "../../auth/viewer";

/** What a person agrees to. Mirrors the CHECK constraint on consents.kind and consent_texts.kind. */
export enum ConsentKind {
  ALUMNUS_LISTED = "ALUMNUS_LISTED",
  ALUMNUS_CONTACT = "ALUMNUS_CONTACT",
  ALUMNUS_SHARE_CONTACT = "ALUMNUS_SHARE_CONTACT",
  STUDENT_SHARE_WITH_ALUMNI = "STUDENT_SHARE_WITH_ALUMNI",
  STUDENT_SHARE_WITH_ADVISORS = "STUDENT_SHARE_WITH_ADVISORS",
}

registerEnumType(ConsentKind, {
  name: "ConsentKind",
  description: "What a person agrees to. Alumni give the ALUMNUS_ kinds, students the STUDENT_ kinds.",
  valuesConfig: {
    ALUMNUS_LISTED: { description: "The alum appears in the alumni directory and in matching." },
    ALUMNUS_CONTACT: { description: "Students may send the alum interview requests." },
    ALUMNUS_SHARE_CONTACT: { description: "The alum's email and phone are shown to students whose requests they accepted." },
    STUDENT_SHARE_WITH_ALUMNI: { description: "The student's profile is shown to the alumni they send requests to." },
    STUDENT_SHARE_WITH_ADVISORS: { description: "Advisors see the student's full profile and activity." },
  },
});

/** Every kind, in the order they are shown. */
export const CONSENT_KINDS: readonly ConsentKind[] = Object.values(ConsentKind);

/** The one role whose membership gives (and holds) each kind of consent. */
export const CONSENT_KIND_ROLE: Record<ConsentKind, Extract<Role, "STUDENT" | "ALUMNUS">> = {
  ALUMNUS_LISTED: "ALUMNUS",
  ALUMNUS_CONTACT: "ALUMNUS",
  ALUMNUS_SHARE_CONTACT: "ALUMNUS",
  STUDENT_SHARE_WITH_ALUMNI: "STUDENT",
  STUDENT_SHARE_WITH_ADVISORS: "STUDENT",
};

/** Why an agreement ended: the person withdrew it, or agreed to a newer version of the text (which replaced it). */
export enum ConsentWithdrawalReason {
  WITHDRAWN = "WITHDRAWN",
  REPLACED = "REPLACED",
}
registerEnumType(ConsentWithdrawalReason, { name: "ConsentWithdrawalReason" });

/** What happens to agreements to an older text when a new version is published, until each person reviews it. */
export enum ConsentReviewPolicy {
  KEEP = "KEEP",
  PAUSE = "PAUSE",
}
registerEnumType(ConsentReviewPolicy, {
  name: "ConsentReviewPolicy",
  description:
    "Until a person reviews a newly published consent text, their agreement to the older version stays in force (KEEP) or is paused (PAUSE).",
  valuesConfig: {
    KEEP: { description: "The agreement to the older text keeps applying until the person reviews the new one (the default)." },
    PAUSE: { description: "What the text governs is paused for that person until they agree to the new version." },
  },
});
