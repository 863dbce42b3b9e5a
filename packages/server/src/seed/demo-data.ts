/**
 * The fixed people of the demo: two institutions, their staff, students and alumni.
 * Field and industry ids come from the CareerTaxonomy migration.
 */
import { LAKESIDE } from "./demo-lakeside";
import { NORTHFIELD } from "./demo-northfield";
import type { DemoInstitution } from "./demo-shared";

export type { AlumnusConsents, DemoAlumnus, DemoInstitution, DemoStudent, Modality } from "./demo-shared";
export { DUAL_ALUMNUS, LOCATIONS } from "./demo-shared";
export { LAKESIDE, NORTHFIELD };

export const DEMO_INSTITUTIONS: DemoInstitution[] = [NORTHFIELD, LAKESIDE];
