import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "One kind of email Infoview sends, rendered with made-up people at your institution, exactly as it would be sent: subject, plain-text part and HTML part.",
})
export class EmailPreview {
  @Field({
    description: 'Stable name of the kind: its outbox topic and variant ("request.accepted (moved)"), "digest.…" or "account.…".',
  })
  kind: string;

  @Field({
    description:
      "Who receives it: STUDENT, ALUMNUS, ADVISOR, ANYONE (an address asking for a link), MEMBER (a person, about their own account) or INVITEE.",
  })
  recipient: string;

  @Field()
  subject: string;

  @Field({ description: "The text/plain part." })
  text: string;

  @Field({
    description: "The text/html part (MJML). A complete document: show it in a sandboxed frame, never inside the page.",
  })
  html: string;

  @Field(() => String, { nullable: true, description: "REQUEST or CANCEL when the email carries a calendar invitation." })
  calendarMethod: string | null;
}
