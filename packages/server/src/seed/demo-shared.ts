/**
 * What the demo institutions share: the shapes of their people, the demo locations, and the one
 * alum of both. Each institution's people are in demo-northfield.ts and demo-lakeside.ts.
 */

export type Modality = "PHONE" | "VIDEO" | "IN_PERSON";

/** Which alumni consents a demo alum has given: all three, listed and contactable only, or none yet. */
export type AlumnusConsents = "all" | "no-contact-sharing" | "none";

export interface DemoAlumnus {
  name: string;
  employer: string;
  title: string;
  industry: string;
  fields: string[];
  location: string;
  classYear: number;
  major: string;
  topics: string[];
  modalities: Modality[];
  monthlyCapacity: number;
  paused?: boolean;
  firstGeneration?: boolean;
  consents?: AlumnusConsents;
}

export interface DemoStudent {
  name: string;
  major: string;
  classYear: number;
  fields: string[];
  industries: string[];
  locations: string[];
  firstGeneration?: boolean;
  pitch: string;
}

export interface DemoInstitution {
  slug: string;
  name: string;
  timeZone: string;
  /** Prefix of the external ids a student-information system would send. */
  externalPrefix: string;
  admin: string;
  advisors: [string, string];
  students: DemoStudent[];
  alumni: DemoAlumnus[];
}

/** Time zone and telephone area code of each demo location. */
export const LOCATIONS: Record<string, { timeZone: string; areaCode: string }> = {
  "Akron, OH": { timeZone: "America/New_York", areaCode: "330" },
  "Ann Arbor, MI": { timeZone: "America/Detroit", areaCode: "734" },
  "Boston, MA": { timeZone: "America/New_York", areaCode: "617" },
  "Buffalo, NY": { timeZone: "America/New_York", areaCode: "716" },
  "Chicago, IL": { timeZone: "America/Chicago", areaCode: "312" },
  "Cleveland, OH": { timeZone: "America/New_York", areaCode: "216" },
  "Columbus, OH": { timeZone: "America/New_York", areaCode: "614" },
  "Denver, CO": { timeZone: "America/Denver", areaCode: "303" },
  "Des Moines, IA": { timeZone: "America/Chicago", areaCode: "515" },
  "Detroit, MI": { timeZone: "America/Detroit", areaCode: "313" },
  "Duluth, MN": { timeZone: "America/Chicago", areaCode: "218" },
  "Erie, PA": { timeZone: "America/New_York", areaCode: "814" },
  "Fort Wayne, IN": { timeZone: "America/Indiana/Indianapolis", areaCode: "260" },
  "Kansas City, MO": { timeZone: "America/Chicago", areaCode: "816" },
  "Los Angeles, CA": { timeZone: "America/Los_Angeles", areaCode: "213" },
  "Milwaukee, WI": { timeZone: "America/Chicago", areaCode: "414" },
  "Minneapolis, MN": { timeZone: "America/Chicago", areaCode: "612" },
  "New York, NY": { timeZone: "America/New_York", areaCode: "212" },
  "Pittsburgh, PA": { timeZone: "America/New_York", areaCode: "412" },
  "Rochester, MN": { timeZone: "America/Chicago", areaCode: "507" },
  "Seattle, WA": { timeZone: "America/Los_Angeles", areaCode: "206" },
  "St. Paul, MN": { timeZone: "America/Chicago", areaCode: "651" },
  "Toledo, OH": { timeZone: "America/New_York", areaCode: "419" },
  "Washington, DC": { timeZone: "America/New_York", areaCode: "202" },
};

/** One person who graduated from both institutions: one identity, an ALUMNUS membership in each. */
export const DUAL_ALUMNUS = {
  email: "dual.alum@example.org",
  name: "Jordan Ellis",
  employer: "Metro Public Health Department",
  title: "Epidemiologist",
  industry: "government",
  fields: ["healthcare", "research-science", "government-policy"],
  location: "Minneapolis, MN",
  topics: ["Public health careers", "Epidemiology", "Switching from lab science to public health"],
  modalities: ["VIDEO", "PHONE"] as Modality[],
  /** Undergraduate at Lakeside, then a master's at Northfield. */
  degrees: {
    lakeside: { classYear: 2010, major: "Biology", monthlyCapacity: 2 },
    northfield: { classYear: 2013, major: "Public Health", monthlyCapacity: 3 },
  } as Record<string, { classYear: number; major: string; monthlyCapacity: number }>,
};
