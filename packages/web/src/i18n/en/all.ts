import shared from "./index";
import student from "./student.json";
import alumnus from "./alumnus.json";
import advisor from "./advisor.json";
import admin from "./admin.json";
import meetings from "./meetings.json";
import notifications from "./notifications.json";
import retention from "./retention.json";
import consentRecords from "./consent-records.json";
import consentReview from "./consent-review.json";
import notificationCentre from "./notification-centre.json";
import accommodations from "./accommodations.json";
import thankYou from "./thank-you.json";
import weekgrid from "./weekgrid.json";
import findAlumni from "./find-alumni.json";
import erase from "./erase.json";
import meetingPrep from "./meeting-prep.json";
import graduation from "./graduation.json";
import pitchBuilder from "./pitch-builder.json";

/** Every English message, shared and per area: for tests (the app loads the areas' parts with their code). */
const all = {
  ...shared,
  ...student,
  ...alumnus,
  ...advisor,
  ...admin,
  ...meetings,
  ...notifications,
  ...retention,
  ...consentRecords,
  ...consentReview,
  ...notificationCentre,
  ...accommodations,
  ...thankYou,
  ...weekgrid,
  ...findAlumni,
  ...erase,
  ...meetingPrep,
  ...graduation,
  ...pitchBuilder,
};
export default all;
