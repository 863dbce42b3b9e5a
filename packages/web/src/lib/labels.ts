import type { Modality } from "../graphql/types.generated";

/** How the two people meet, in words both of them read. */
export const MODALITY_LABELS: Record<Modality, string> = { VIDEO: "Video call", PHONE: "Phone call", IN_PERSON: "In person" };
