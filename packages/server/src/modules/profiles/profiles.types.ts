import { Field, ID, ObjectType } from "type-graphql";
import { AlumnusProfile } from "./alumnus-profile.entity";
import { StudentProfile } from "./student-profile.entity";
import { PageInfo } from "../../shared/paging";

@ObjectType()
export class AlumnusProfileEdge {
  @Field()
  cursor: string;

  @Field(() => AlumnusProfile)
  node: AlumnusProfile;
}

@ObjectType({ description: "A page of alumni profiles." })
export class AlumnusProfileConnection {
  @Field(() => [AlumnusProfileEdge])
  edges: AlumnusProfileEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({
  description:
    "A student as advisors and admins see them in the student list: always the name; the profile only if the student shares it with advisors (STUDENT_SHARE_WITH_ADVISORS).",
})
export class StudentListing {
  @Field(() => ID, { description: "The student's membership id." })
  membershipId: string;

  @Field()
  displayName: string;

  @Field({ description: "Whether the student currently shares their profile and activity with advisors." })
  sharesWithAdvisors: boolean;

  @Field(() => StudentProfile, {
    nullable: true,
    description: "Null unless the student shares it with advisors; also null while a sharing student has not saved a profile yet.",
  })
  profile: StudentProfile | null;
}

@ObjectType()
export class StudentListingEdge {
  @Field()
  cursor: string;

  @Field(() => StudentListing)
  node: StudentListing;
}

@ObjectType({ description: "A page of students." })
export class StudentListingConnection {
  @Field(() => [StudentListingEdge])
  edges: StudentListingEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
