import { tenantTransaction } from "../../db/tenant-transaction";
import { personActor, recordAudit } from "../audit";
import { hasRole, type Viewer } from "../../auth/viewer";
import { forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import { cleanList, findRequest, ownRequest, referralsBySource } from "./conversation-queries";
import { ConversationNote } from "./conversation-note.entity";
import { conversationNotStarted, notesNotShared } from "./conversations.errors";
import type { SaveNotesInput } from "./conversations.inputs";
import { canReadNotes, conversationStarted, isOwnRequest } from "./conversations.policy";

export class ConversationNotesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
  ) {}

  /**
   * The notes on one conversation, or null when the student has written none. The student always; an advisor
   * only shared notes of a student sharing with advisors (NOTES_NOT_SHARED otherwise, also when there are none).
   */
  async notes(viewer: Viewer, requestId: string): Promise<ConversationNote | null> {
    if (!hasRole(viewer, "STUDENT", "ADVISOR")) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await findRequest(m, requestId);
      if (!request || request.institutionId !== viewer.institutionId) throw notFound("Interview request");
      const own = isOwnRequest(viewer, request);
      // A student asking about someone else's request learns nothing, not even that it exists.
      if (!own && !hasRole(viewer, "ADVISOR")) throw notFound("Interview request");
      const note = await m.getRepository(ConversationNote).findOneBy({ requestId: request.id });
      if (!own) {
        const sharing = await this.consent.hasConsent(m, request.studentId, ConsentKind.STUDENT_SHARE_WITH_ADVISORS);
        if (!note || !canReadNotes(viewer, request, note.sharedWithAdvisor, sharing)) throw notesNotShared();
        // FERPA: a staff member read a student's notes; recorded with the read itself (docs/privacy.md).
        await recordAudit(m, {
          institutionId: viewer.institutionId,
          actor: personActor(viewer, ["ADVISOR", "ADMIN"]),
          action: "student.notes_viewed",
          target: { type: "interview_request", id: request.id },
          subjectMembershipId: request.studentId,
        });
      }
      if (!note) return null;
      note.namesSuggested = (await referralsBySource(m, [note.requestId])).get(note.requestId) ?? [];
      return note;
    });
  }

  /** Creates or changes the student's notes on a conversation that has started. Omitted fields keep their value. */
  async saveNotes(viewer: Viewer, requestId: string, input: SaveNotesInput): Promise<ConversationNote> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await ownRequest(m, viewer, requestId);
      if (!conversationStarted(request, new Date())) throw conversationNotStarted();
      await m.query(
        `INSERT INTO conversation_notes (request_id, institution_id, student_id, advice, takeaways, new_questions, shared_with_advisor, next_step)
         VALUES ($1, $2, $3, coalesce($4, ''), coalesce($5, ''), coalesce($6::text[], '{}'), coalesce($7, false), coalesce($8, ''))
         ON CONFLICT (institution_id, request_id) DO UPDATE SET
           advice = coalesce($4, conversation_notes.advice),
           takeaways = coalesce($5, conversation_notes.takeaways),
           new_questions = coalesce($6::text[], conversation_notes.new_questions),
           shared_with_advisor = coalesce($7, conversation_notes.shared_with_advisor),
           next_step = coalesce($8, conversation_notes.next_step),
           updated_at = now()`,
        [
          request.id,
          request.institutionId,
          request.studentId,
          input.advice == null ? null : input.advice.trim(),
          input.takeaways == null ? null : input.takeaways.trim(),
          input.newQuestions == null ? null : cleanList(input.newQuestions),
          input.sharedWithAdvisor ?? null,
          input.nextStep == null ? null : input.nextStep.trim(),
        ],
      );
      const note = await m.getRepository(ConversationNote).findOneByOrFail({ requestId: request.id });
      note.namesSuggested = (await referralsBySource(m, [note.requestId])).get(note.requestId) ?? [];
      return note;
    });
  }
}
