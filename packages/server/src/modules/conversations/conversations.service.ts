import type { EntityManager } from "typeorm";
import type { ServiceDeps } from "../../service-deps";
import type { ConsentService } from "../consent";
import { ContactLogService } from "./contact-log.service";
import { ConversationNotesService } from "./conversation-notes.service";
import { DataExportService } from "./data-export.service";
import type { FollowUp } from "./follow-up.entity";
import { FollowUpsService, type DueReminder, type StartFollowUps } from "./follow-ups.service";
import type { Referral } from "./referral.entity";
import { ReferralsService, type NewReferral } from "./referrals.service";
import { ThankYouService } from "./thank-you.service";

/**
 * After the conversation: notes, referrals, follow-ups, the contact log and the student's data export.
 * Resolvers use the parts; other modules call the methods below inside their own tenant transaction.
 */
export class ConversationsService {
  readonly notes: ConversationNotesService;
  readonly referrals: ReferralsService;
  readonly followUps: FollowUpsService;
  readonly contactLog: ContactLogService;
  readonly dataExport: DataExportService;
  readonly thankYou: ThankYouService;

  constructor(deps: ServiceDeps, consent: ConsentService) {
    this.notes = new ConversationNotesService(deps, consent);
    this.referrals = new ReferralsService(deps, consent);
    this.followUps = new FollowUpsService(deps);
    this.contactLog = new ContactLogService(deps, this.followUps);
    this.dataExport = new DataExportService(deps, this.followUps, this.contactLog);
    this.thankYou = new ThankYouService(this.followUps);
  }

  /** Requests module, when a request becomes COMPLETED: thank-you and update due dates from the completion time. */
  startFollowUps(manager: EntityManager, start: StartFollowUps): Promise<FollowUp> {
    return this.followUps.startFollowUps(manager, start);
  }

  /** Requests module, when a decline suggests someone else. Map a decline's `contact` to `howToReach`. */
  createReferral(manager: EntityManager, referral: NewReferral): Promise<Referral> {
    return this.referrals.createReferral(manager, referral);
  }

  /** Requests module, when a request is made to a suggested person. */
  turnReferralIntoRequest(manager: EntityManager, referralId: string, requestId: string): Promise<Referral> {
    return this.referrals.turnReferralIntoRequest(manager, referralId, requestId);
  }

  /** Notifications scheduler: the thank-you and update reminders of one institution to send now. */
  dueReminders(manager: EntityManager, now: Date): Promise<DueReminder[]> {
    return this.followUps.dueReminders(manager, now);
  }

  /** Notifications scheduler: true when this call marked the reminder, false when it was already marked. */
  markReminded(manager: EntityManager, kind: DueReminder["kind"], requestId: string): Promise<boolean> {
    return this.followUps.markReminded(manager, kind, requestId);
  }
}
