import accommodations from "./accommodations.json";
import admin from "./admin.json";
import advisor from "./advisor.json";
import alumnus from "./alumnus.json";
import app from "./app.json";
import auth from "./auth.json";
import erase from "./erase.json";
import home from "./home.json";
import identity from "./identity.json";
import meetings from "./meetings.json";
import notifications from "./notifications.json";
import retention from "./retention.json";
import consentRecords from "./consent-records.json";
import consentReview from "./consent-review.json";
import notificationCentre from "./notification-centre.json";
import student from "./student.json";
import thankYou from "./thank-you.json";
import ui from "./ui.json";
import weekgrid from "./weekgrid.json";
import findAlumni from "./find-alumni.json";
import meetingPrep from "./meeting-prep.json";
import graduation from "./graduation.json";
import pitchBuilder from "./pitch-builder.json";

/** The Spanish catalog: one part per folder of the client, merged here. */
const messages = {
  ...app,
  ...ui,
  ...home,
  ...auth,
  ...identity,
  ...erase,
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
  ...meetingPrep,
  ...graduation,
  ...pitchBuilder,
};
export default messages;
