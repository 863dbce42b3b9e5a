import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageArgs, PageInfo } from "../../shared/paging";

/** The needs-action lists of the dashboard that name a student (the alumni lists name none). */
export enum StudentNeedsAction {
  INACTIVE = "INACTIVE",
  THANK_YOU_OVERDUE = "THANK_YOU_OVERDUE",
  REQUEST_EXPIRING = "REQUEST_EXPIRING",
  MEETING_UNSETTLED = "MEETING_UNSETTLED",
}
registerEnumType(StudentNeedsAction, {
  name: "StudentNeedsAction",
  description:
    "A needs-action list a student is on, with the dashboard's windows: inactive 21 days (inactiveStudents), a thank-you past due (overdueThankYous), a request expiring within 48 hours (expiringRequests), a meeting a week past with nobody saying whether it happened (unsettledMeetings).",
});

export enum StudentRosterSort {
  NAME = "NAME",
  CLASS_YEAR = "CLASS_YEAR",
  LAST_ACTIVITY = "LAST_ACTIVITY",
  NEEDS_ACTION = "NEEDS_ACTION",
}
registerEnumType(StudentRosterSort, {
  name: "StudentRosterSort",
  description:
    "What the students table is sorted by: name, class year, last activity, or the number of needs-action lists. Ties go by name; students whose value is unknown or not shared come last in either direction.",
});

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection" });

@ArgsType()
export class StudentRosterArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Part of the student's name." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;

  @Field(() => Int, { nullable: true, description: "Only students of this class year (among those who share their profile)." })
  @IsOptional()
  @IsInt()
  @Min(1900, { message: "Enter a class year from 1900 to 2200." })
  @Max(2200, { message: "Enter a class year from 1900 to 2200." })
  classYear?: number | null;

  @Field({ defaultValue: false, description: "Only students on at least one needs-action list." })
  @IsBoolean()
  needsActionOnly: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      "Only the caseload of this advisor (membership id); everyone when omitted. NOT_FOUND for anyone who is not an advisor here.",
  })
  @IsOptional()
  @IsString()
  advisorMembershipId?: string | null;

  @Field(() => StudentRosterSort, { defaultValue: StudentRosterSort.NAME })
  @IsEnum(StudentRosterSort)
  sort: StudentRosterSort;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection)
  direction: SortDirection;
}

@ObjectType({
  description:
    "A row of the advisors' students table. Name and advisor always; class year, major, last activity and needs-action only while the student shares with advisors (STUDENT_SHARE_WITH_ADVISORS), null otherwise.",
})
export class StudentRosterRow {
  @Field(() => ID, { description: "The student's membership id." })
  membershipId: string;
  @Field()
  displayName: string;
  @Field()
  sharesWithAdvisors: boolean;
  @Field(() => Int, { nullable: true })
  classYear: number | null;
  @Field(() => String, { nullable: true })
  major: string | null;
  @Field(() => [String], { nullable: true, description: "Career field ids the student explores." })
  fields: string[] | null;
  @Field(() => Date, {
    nullable: true,
    description:
      "The student's latest activity: a request sent or changed (answered, booked, met…), a thank-you or update, an outcome, a contact-log entry. Null without any, or when not shared.",
  })
  lastActivityAt: Date | null;
  @Field(() => [StudentNeedsAction], { nullable: true, description: "The needs-action lists the student is on; null when not shared." })
  needsAction: StudentNeedsAction[] | null;
  @Field(() => ID, { nullable: true, description: "The advisor whose caseload the student is on." })
  advisorMembershipId: string | null;
  @Field(() => String, { nullable: true })
  advisorName: string | null;
}

@ObjectType()
export class StudentRosterEdge {
  @Field()
  cursor: string;
  @Field(() => StudentRosterRow)
  node: StudentRosterRow;
}

@ObjectType({ description: "A page of the advisors' students table." })
export class StudentRosterConnection {
  @Field(() => [StudentRosterEdge])
  edges: StudentRosterEdge[];
  @Field(() => PageInfo)
  pageInfo: PageInfo;
  @Field(() => [Int], { description: "The class years of students who share their profile, for the filter (all pages)." })
  classYears: number[];
}

@ObjectType({ description: "An advisor of the institution, for assigning students." })
export class CaseloadAdvisor {
  @Field(() => ID, { description: "The advisor's membership id." })
  membershipId: string;
  @Field()
  displayName: string;
  @Field(() => Int, { description: "Students on their caseload." })
  students: number;
}
