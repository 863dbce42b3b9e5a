import { lazy, Suspense } from "react";
import type { AccommodationFieldsProps } from "./components/AccommodationFields";
import type { AccommodationsPanelProps } from "./components/AccommodationsPanel";

// Lazily loaded with their own words (i18n/{en,es}/accommodations.json): nothing of them is in a page's first download.
const Fields = lazy(() => import("./components/AccommodationFields").then((m) => ({ default: m.AccommodationFields })));
const Panel = lazy(() => import("./components/AccommodationsPanel").then((m) => ({ default: m.AccommodationsPanel })));

/** The accommodation fields of a form (the student's request composer). */
export function LazyAccommodationFields(props: AccommodationFieldsProps) {
  return (
    <Suspense fallback={null}>
      <Fields {...props} />
    </Suspense>
  );
}

/** A request's accommodations: the other participant's needs, and the viewer's own to say or change. */
export function LazyAccommodationsPanel(props: AccommodationsPanelProps) {
  return (
    <Suspense fallback={null}>
      <Panel {...props} />
    </Suspense>
  );
}

export type { AccommodationChoice } from "./types";
