import { AlumniProfilesResolver } from "./alumni-profiles.resolver";
import { AlumnusProfile } from "./alumnus-profile.entity";
import { StudentProfilesResolver } from "./student-profiles.resolver";
import { StudentProfile } from "./student-profile.entity";

export const profilesModule = {
  entities: [StudentProfile, AlumnusProfile],
  resolvers: [StudentProfilesResolver, AlumniProfilesResolver],
} as const;
