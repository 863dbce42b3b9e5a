import type lifecycle from "./lifecycle.json";
import type student from "./student.json";

/** The types of the role areas' English parts, which their layouts load with their code (see catalog.ts). */
export type FeatureMessages = typeof student & typeof lifecycle;
