import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { ConversationNote } from "./conversation-note.entity";
import { SaveNotesInput } from "./conversations.inputs";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver(() => ConversationNote)
export class ConversationNotesResolver {
  @Access("STUDENT", "ADVISOR", "ALUMNUS")
  @Query(() => ConversationNote, {
    nullable: true,
    description:
      "The student's notes on one conversation; null while there are none. The student always. An advisor only notes shared with advisors while the student shares with advisors (STUDENT_SHARE_WITH_ADVISORS), NOTES_NOT_SHARED otherwise. Alumni never (FORBIDDEN), but for their own notes from when they were a student here (a deactivated student membership, after graduating). NOT_FOUND for a request that is not the student's own or not in this institution.",
  })
  async notes(
    @Arg("requestId", () => ID) requestId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConversationNote | null> {
    return services.conversations.notes.notes(await services.conversations.contactLog.historyViewer(viewer), requestId);
  }

  @Access("STUDENT")
  @Mutation(() => ConversationNote, {
    description:
      "Create or change the student's notes on one of their conversations, once it has started (accepted and begun, or completed); CONVERSATION_NOT_STARTED otherwise. Omitted fields keep their value.",
  })
  saveNotes(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("input") input: SaveNotesInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConversationNote> {
    return services.conversations.notes.saveNotes(viewer, requestId, input);
  }
}
