import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { RETENTION_KINDS } from "./retention-rules";

/** What retention removes (docs/privacy.md, "Retention"). */
export const RetentionKind = Object.fromEntries(RETENTION_KINDS.map((k) => [k, k])) as { [K in (typeof RETENTION_KINDS)[number]]: K };
registerEnumType(RetentionKind, {
  name: "RetentionKind",
  description: "What the daily retention job removes or replaces.",
  valuesConfig: {
    DEACTIVATED_PEOPLE: { description: "People deactivated longer than the rule: erased as by erasePerson." },
    REQUEST_MESSAGES: { description: "Requests older than the rule: message, own questions and decline reason replaced." },
    NOTES: { description: "Conversation notes last written before the rule: their texts emptied." },
    OUTBOX_ROWS: { description: "Delivered notifications (emails and events) older than the rule: deleted." },
    WEBHOOK_DELIVERIES: { description: "Finished webhook deliveries (delivered or failed) older than the rule: deleted." },
    AUDIT_ENTRIES: { description: "Audit log entries older than its term: deleted." },
  },
});

@ObjectType({ description: "An institution's retention rules. Null keeps forever; the audit log always has a term." })
export class RetentionSettings {
  @Field(() => Int, { nullable: true, description: "Erase people deactivated for more than this many months (1–240); null keeps them." })
  deactivatedMonths!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Replace request messages and empty notes older than this many years (1–30); null keeps them.",
  })
  messagesYears!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Delete delivered notifications and finished webhook deliveries after this many days (1–3650); null keeps them.",
  })
  deliveredDays!: number | null;

  @Field(() => Int, { description: "Years the audit log is kept (1–30, default 7)." })
  auditYears!: number;
}

@InputType({
  description:
    "Retention rules to set. An omitted field keeps its current value; null or 0 means keep forever (not allowed for auditYears, 1–30).",
})
export class RetentionSettingsInput {
  @Field(() => Int, { nullable: true, description: "1–240 months; null or 0 keeps deactivated people." })
  deactivatedMonths?: number | null;

  @Field(() => Int, { nullable: true, description: "1–30 years; null or 0 keeps messages and notes." })
  messagesYears?: number | null;

  @Field(() => Int, { nullable: true, description: "1–3650 days; null or 0 keeps delivered rows." })
  deliveredDays?: number | null;

  @Field(() => Int, { nullable: true, description: "1–30 years." })
  auditYears?: number | null;
}

@ObjectType("RetentionCount", { description: "How many of one kind retention removes, and the oldest date among them." })
export class RetentionCountType {
  @Field(() => RetentionKind)
  kind!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Date, {
    nullable: true,
    description: "The oldest date affected (deactivation, request, note, delivery or entry); null when none.",
  })
  oldest!: Date | null;
}

@ObjectType({ description: "What the retention job would remove now under the given rules (a dry run: nothing changes)." })
export class RetentionPreview {
  @Field(() => RetentionSettings, { description: "The rules the preview applied." })
  settings!: RetentionSettings;

  @Field(() => [RetentionCountType], { description: "One count per kind, in a fixed order." })
  counts!: RetentionCountType[];
}
