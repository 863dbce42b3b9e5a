import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import type { Viewer } from "../../auth/viewer";
import { EMAIL_CHOICES, KIND_RULES, NOTIFICATION_KINDS, type EmailChoice, type NotificationKind } from "./notification-kinds";
import { hhmm, type Choice, type PersonPreferences } from "./preferences.service";

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const NotificationKindEnum = asEnum(NOTIFICATION_KINDS);
export const EmailChoiceEnum = asEnum(EMAIL_CHOICES);

registerEnumType(NotificationKindEnum, {
  name: "NotificationKind",
  description: "A kind of notification a person chooses about (docs/notifications.md lists what each covers).",
});
registerEnumType(EmailChoiceEnum, {
  name: "NotificationEmailChoice",
  description: "How a kind of notification reaches the person by email.",
  valuesConfig: {
    IMMEDIATE: { description: "An email as it happens (held during quiet hours unless it cannot wait)." },
    DAILY_DIGEST: { description: "Collected into a daily digest at the person's digest hour." },
    WEEKLY_DIGEST: { description: "Collected into a weekly digest on the person's digest day and hour." },
    OFF: { description: "No email." },
  },
});

@ObjectType({ description: "One kind of notification: how it reaches the person, what they may choose, and why not when they may not." })
export class NotificationPreference {
  @Field(() => NotificationKindEnum)
  kind: NotificationKind;
  @Field(() => EmailChoiceEnum)
  email: EmailChoice;
  @Field({ description: "Shown in the app (live, and in the notification list). Always false for kinds with no in-app side." })
  inApp: boolean;
  @Field(() => [EmailChoiceEnum], { description: "The email choices this kind offers." })
  choices: EmailChoice[];
  @Field({ description: "False for kinds that cannot be turned off; lockedReason says why." })
  canTurnOff: boolean;
  @Field(() => String, { nullable: true, description: "Why this kind cannot be turned off, in words for the person." })
  lockedReason: string | null;
  @Field({ description: "False for kinds sent even during quiet hours (they are about something imminent, or were asked for)." })
  canWait: boolean;
  @Field({ description: "Whether this kind has an in-app side at all." })
  hasInApp: boolean;
  @Field(() => EmailChoiceEnum, { description: "The institution's default for this kind." })
  institutionDefault: EmailChoice;
}

@ObjectType({ description: "The viewer's notification preferences in this institution." })
export class NotificationSettings {
  @Field(() => [NotificationPreference])
  preferences: NotificationPreference[];
  @Field({ description: "The time zone quiet hours and digests follow (the institution's until the person sets theirs)." })
  timeZone: string;
  @Field(() => String, { nullable: true, description: "Quiet hours start, HH:MM on the person's wall clock (null: none)." })
  quietStart: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Quiet hours end, HH:MM; earlier than the start when the range wraps past midnight.",
  })
  quietEnd: string | null;
  @Field(() => Int, { description: "The weekly digest's day: 1 = Monday … 7 = Sunday." })
  digestWeekday: number;
  @Field(() => Int, { description: "The hour (0–23, the person's time) digests go out." })
  digestHour: number;
}

@ObjectType({ description: "The institution's default for one kind of notification." })
export class NotificationDefault {
  @Field(() => NotificationKindEnum)
  kind: NotificationKind;
  @Field(() => EmailChoiceEnum)
  email: EmailChoice;
  @Field()
  inApp: boolean;
  @Field(() => [EmailChoiceEnum])
  choices: EmailChoice[];
  @Field(() => String, { nullable: true })
  lockedReason: string | null;
}

@InputType()
export class NotificationChoiceInput {
  @Field(() => NotificationKindEnum)
  kind: NotificationKind;
  @Field(() => EmailChoiceEnum)
  email: EmailChoice;
  @Field({ description: "Ignored (false) for kinds with no in-app side; must stay true for kinds that cannot be turned off." })
  inApp: boolean;
}

@InputType({ description: "What to change; anything left out stays as it is." })
export class UpdateNotificationPreferencesInput {
  @Field(() => [NotificationChoiceInput], { nullable: true })
  preferences?: NotificationChoiceInput[] | null;
  @Field(() => String, { nullable: true, description: "An IANA time zone name." })
  timeZone?: string | null;
  @Field(() => String, { nullable: true, description: "HH:MM; give with quietEnd." })
  quietStart?: string | null;
  @Field(() => String, { nullable: true, description: "HH:MM; give with quietStart. Earlier than the start wraps past midnight." })
  quietEnd?: string | null;
  @Field(() => Boolean, { nullable: true, description: "True turns quiet hours off." })
  clearQuietHours?: boolean | null;
  @Field(() => Int, { nullable: true, description: "1 = Monday … 7 = Sunday." })
  digestWeekday?: number | null;
  @Field(() => Int, { nullable: true, description: "0–23." })
  digestHour?: number | null;
}

const preference = (kind: NotificationKind, choice: Choice, institution: Choice): NotificationPreference => ({
  kind,
  email: choice.email,
  inApp: choice.inApp,
  choices: [...KIND_RULES[kind].choices],
  canTurnOff: KIND_RULES[kind].locked === null,
  lockedReason: KIND_RULES[kind].locked,
  canWait: !KIND_RULES[kind].urgent,
  hasInApp: KIND_RULES[kind].inApp,
  institutionDefault: institution.email,
});

export const toSettings = (p: PersonPreferences): NotificationSettings => ({
  preferences: NOTIFICATION_KINDS.map((kind) => preference(kind, p.choices[kind], p.defaults[kind])),
  timeZone: p.timeZone,
  quietStart: p.quiet ? hhmm(p.quiet.startMinute) : null,
  quietEnd: p.quiet ? hhmm(p.quiet.endMinute) : null,
  digestWeekday: p.digestWeekday,
  digestHour: p.digestHour,
});

const toDefaults = (d: Record<NotificationKind, Choice>): NotificationDefault[] =>
  NOTIFICATION_KINDS.map((kind) => ({
    kind,
    email: d[kind].email,
    inApp: d[kind].inApp,
    choices: [...KIND_RULES[kind].choices],
    lockedReason: KIND_RULES[kind].locked,
  }));

@Resolver()
export class NotificationPreferencesResolver {
  @Access("SIGNED_IN")
  @Query(() => NotificationSettings, { description: "How the viewer is notified: per kind, quiet hours, digest day and hour." })
  async myNotificationPreferences(@Ctx() { services, viewer }: Context): Promise<NotificationSettings> {
    return toSettings(await services.notificationPreferences.mine(viewer as Viewer));
  }

  @Access("SIGNED_IN")
  @Mutation(() => NotificationSettings, {
    description: "Changes the viewer's notification preferences. Kinds that cannot be turned off refuse with NOTIFICATION_LOCKED.",
  })
  async updateMyNotificationPreferences(
    @Arg("input", () => UpdateNotificationPreferencesInput) input: UpdateNotificationPreferencesInput,
    @Ctx() { services, viewer }: Context,
  ): Promise<NotificationSettings> {
    return toSettings(await services.notificationPreferences.updateMine(viewer as Viewer, input));
  }

  @Access("ADMIN")
  @Query(() => [NotificationDefault], { description: "The institution's default notification preferences, for people who chose nothing." })
  async institutionNotificationDefaults(@Ctx() { services, viewer }: Context): Promise<NotificationDefault[]> {
    return toDefaults(await services.notificationPreferences.defaults(viewer as Viewer));
  }

  @Access("ADMIN")
  @Mutation(() => [NotificationDefault], { description: "Sets the institution's defaults; people's own choices still win." })
  async updateInstitutionNotificationDefaults(
    @Arg("defaults", () => [NotificationChoiceInput]) defaults: NotificationChoiceInput[],
    @Ctx() { services, viewer }: Context,
  ): Promise<NotificationDefault[]> {
    return toDefaults(await services.notificationPreferences.updateDefaults(viewer as Viewer, defaults));
  }
}
