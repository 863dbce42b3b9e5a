/** The types of the role areas' English parts, which their layouts load with their code (see catalog.ts). */
export type FeatureMessages = Record<never, string>;
