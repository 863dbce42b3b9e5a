import { ContactLogEntry } from "./contact-log-entry.entity";
import { ContactLogResolver } from "./contact-log.resolver";
import { ConversationNote } from "./conversation-note.entity";
import { ConversationNotesResolver } from "./conversation-notes.resolver";
import { FollowUp } from "./follow-up.entity";
import { FollowUpsResolver } from "./follow-ups.resolver";
import { Referral } from "./referral.entity";
import { ReferralsResolver } from "./referrals.resolver";

export const conversationsModule = {
  entities: [ConversationNote, Referral, FollowUp, ContactLogEntry],
  resolvers: [ConversationNotesResolver, ReferralsResolver, FollowUpsResolver, ContactLogResolver],
} as const;
