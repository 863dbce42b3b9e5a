import { AppError } from "../../graphql/errors";

export const outcomeNeedsCompletedConversation = () =>
  new AppError(
    "OUTCOME_NEEDS_COMPLETION",
    "An outcome can be linked to a conversation once it is marked completed. Record it without a conversation otherwise.",
  );
