import { hasRole, type Viewer } from "../../auth/viewer";
import { CONSENT_KIND_ROLE, CONSENT_KINDS, type ConsentKind } from "./consent-kind.enum";

/** Staff see every text (they explain them and admins publish them); others see the ones they could give. */
export function consentKindsVisibleTo(viewer: Viewer): ConsentKind[] {
  if (hasRole(viewer, "ADVISOR", "ADMIN")) return [...CONSENT_KINDS];
  return CONSENT_KINDS.filter((kind) => canGiveConsent(viewer, kind));
}

/** A consent belongs to the membership of the role it is about: students give student kinds, alumni alumni kinds. */
export function canGiveConsent(viewer: Viewer, kind: ConsentKind): boolean {
  return typeof viewer.memberships[CONSENT_KIND_ROLE[kind]] === "string";
}

export function canPublishConsentText(viewer: Viewer): boolean {
  return hasRole(viewer, "ADMIN");
}
