import type accommodations from "./accommodations.json";
import type admin from "./admin.json";
import type advisor from "./advisor.json";
import type alumnus from "./alumnus.json";
import type meetings from "./meetings.json";
import type notifications from "./notifications.json";
import type retention from "./retention.json";
import type consentRecords from "./consent-records.json";
import type consentReview from "./consent-review.json";
import type notificationCentre from "./notification-centre.json";
import type student from "./student.json";
import type thankYou from "./thank-you.json";
import type weekgrid from "./weekgrid.json";
import type findAlumni from "./find-alumni.json";
import type erase from "./erase.json";
import type meetingPrep from "./meeting-prep.json";
import type graduation from "./graduation.json";
import type pitchBuilder from "./pitch-builder.json";

/** The types of the role areas' English parts, which their layouts load with their code (see catalog.ts). */
export type FeatureMessages = typeof student &
  typeof alumnus &
  typeof advisor &
  typeof admin &
  typeof meetings &
  typeof notifications &
  typeof retention &
  typeof consentRecords &
  typeof consentReview &
  typeof notificationCentre &
  typeof accommodations &
  typeof thankYou &
  typeof weekgrid &
  typeof findAlumni &
  typeof erase &
  typeof meetingPrep &
  typeof graduation &
  typeof pitchBuilder;
