import type { Modality } from "../graphql/types.generated";
import { translatedLabels } from "../i18n";

/** How the two people meet, in words both of them read. */
export const MODALITY_LABELS: Record<Modality, string> = translatedLabels({
  VIDEO: "ui.modality.video",
  PHONE: "ui.modality.phone",
  IN_PERSON: "ui.modality.inPerson",
});
