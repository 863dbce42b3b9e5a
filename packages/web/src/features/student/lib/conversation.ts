import type { ConversationQuery } from "../graphql/Conversation.generated";

/** One conversation as the student's page loads it; each of its sections reads its part. */
export type ConversationRequest = ConversationQuery["interviewRequest"];
