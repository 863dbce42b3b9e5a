import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import express from "express";
import { Field, ObjectType } from "type-graphql";
import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { forbidden } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { emailLocale, emailLocaleSql, inviteWording, tokenHash, wordsFor } from "../notifications";
import { calendarFeed, type InviteFacts } from "../../shared/calendar-invite";

@ObjectType({ description: "The person's secret calendar feed: subscribe to it in Google Calendar, Outlook or Apple Calendar." })
export class CalendarFeed {
  @Field({ description: "https://…/calendar/<secret>.ics — anyone with it can read the person's meetings; rotate it if it leaks." })
  url: string;
  @Field({ description: "The same feed as a webcal:// link, which calendar apps open as a subscription." })
  webcalUrl: string;
  @Field({ description: "When the current secret was made (rotating makes a new one and the old URL stops working)." })
  createdAt: Date;
}

/** States whose meeting appears in the feed: booked, held, missed, and cancelled (kept as STATUS:CANCELLED). */
const FEED_STATES = ["ACCEPTED", "COMPLETED", "NO_SHOW", "CANCELLED"];
const HEX = /^[0-9a-f]+$/;

/**
 * Each person's calendar feed (GET /calendar/<secret>.ics). The secret is the institution's id (hex, so the feed knows
 * which tenant to open) and an HMAC of the membership and a random nonce with a key derived from SECRETS_KEY: the
 * database keeps the nonce and the secret's SHA-256 (which finds the person), never the secret itself. Rotating
 * replaces the nonce, so the old URL stops working at once.
 */
export class CalendarFeedsService {
  private readonly key: Buffer;

  constructor(private readonly deps: ServiceDeps) {
    this.key = Buffer.from(hkdfSync("sha256", deps.config.secretsKey, Buffer.alloc(0), "infoview calendar feed", 32));
  }

  /** The viewer's feed, made on first use. */
  async feed(viewer: Viewer): Promise<CalendarFeed> {
    const membershipId = this.membershipOf(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const [row] = await sqlRows<{ nonce: string; created_at: Date }>(
        m,
        `SELECT nonce, created_at FROM calendar_feeds WHERE membership_id = $1`,
        [membershipId],
      );
      if (row) return this.view(viewer.institutionId, membershipId, row.nonce, row.created_at);
      return this.write(m, viewer.institutionId, membershipId);
    });
  }

  /** A new secret; the old URL stops working. */
  async rotate(viewer: Viewer): Promise<CalendarFeed> {
    const membershipId = this.membershipOf(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, (m) => this.write(m, viewer.institutionId, membershipId));
  }

  /** The feed's iCalendar text, or null when the secret is unknown (rotated, or never made). */
  async ics(secret: string): Promise<string | null> {
    if (secret.length !== 32 + 40 || !HEX.test(secret)) return null;
    const h = secret.slice(0, 32);
    const institutionId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const [owner] = await sqlRows<{ membership_id: string; name: string; locale: string }>(
        m,
        `SELECT f.membership_id, i.display_name AS name, ${emailLocaleSql("i", "inst")} AS locale FROM calendar_feeds f
           JOIN memberships ms ON ms.institution_id = f.institution_id AND ms.id = f.membership_id JOIN identities i ON i.id = ms.identity_id
           JOIN institutions inst ON inst.id = f.institution_id
          WHERE f.institution_id = $1 AND f.token_hash = $2`,
        [institutionId, tokenHash(secret)],
      );
      if (!owner) return null;
      const rows = await sqlRows<FeedRow>(
        m,
        `SELECT r.id, r.state, r.calendar_sequence, r.meeting_starts_at, r.meeting_ends_at, r.updated_at, r.modality,
                r.meeting_link, r.meeting_phone, r.meeting_location, r.in_person_notes, r.student_time_zone, r.alumnus_time_zone,
                si.display_name AS student_name, ai.display_name AS alumnus_name
           FROM interview_requests r
           JOIN memberships sm ON sm.institution_id = r.institution_id AND sm.id = r.student_id JOIN identities si ON si.id = sm.identity_id
           JOIN memberships am ON am.institution_id = r.institution_id AND am.id = r.alumnus_id JOIN identities ai ON ai.id = am.identity_id
          WHERE r.institution_id = $1 AND r.state = ANY($3) AND r.meeting_starts_at IS NOT NULL
            AND (r.student_id IN (SELECT id FROM memberships WHERE institution_id = $1 AND identity_id = (SELECT identity_id FROM memberships WHERE id = $2))
              OR r.alumnus_id IN (SELECT id FROM memberships WHERE institution_id = $1 AND identity_id = (SELECT identity_id FROM memberships WHERE id = $2)))
          ORDER BY r.meeting_starts_at, r.id`,
        [institutionId, owner.membership_id, FEED_STATES],
      );
      // In the owner's language, as their emails are (ADR 0033): the events' words; UIDs and SEQUENCE are the same.
      const words = wordsFor(emailLocale(owner.locale));
      return calendarFeed(
        `Infoview: ${owner.name}`,
        rows.map(inviteFacts).map((f) => ({ ...f, wording: inviteWording(f, words) })),
      );
    });
  }

  private membershipOf(viewer: Viewer): string {
    const id = viewer.memberships.STUDENT ?? viewer.memberships.ALUMNUS;
    if (!id) throw forbidden();
    return id;
  }

  private async write(m: EntityManager, institutionId: string, membershipId: string): Promise<CalendarFeed> {
    const nonce = randomBytes(18).toString("base64url");
    const secret = this.secret(institutionId, membershipId, nonce);
    const [row] = await sqlRows<{ created_at: Date }>(
      m,
      `INSERT INTO calendar_feeds (institution_id, membership_id, nonce, token_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id, membership_id) DO UPDATE SET nonce = EXCLUDED.nonce, token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at`,
      [institutionId, membershipId, nonce, tokenHash(secret)],
    );
    return this.view(institutionId, membershipId, nonce, row.created_at);
  }

  private secret(institutionId: string, membershipId: string, nonce: string): string {
    const mac = createHmac("sha256", this.key).update(`${membershipId}:${nonce}`).digest("hex").slice(0, 40);
    return `${institutionId.replace(/-/g, "")}${mac}`;
  }

  private view(institutionId: string, membershipId: string, nonce: string, createdAt: Date): CalendarFeed {
    const url = `${this.deps.config.publicUrl}/calendar/${this.secret(institutionId, membershipId, nonce)}.ics`;
    return { url, webcalUrl: url.replace(/^https?:\/\//, "webcal://"), createdAt };
  }
}

interface FeedRow {
  id: string;
  state: string;
  calendar_sequence: number;
  meeting_starts_at: Date;
  meeting_ends_at: Date;
  updated_at: Date;
  modality: InviteFacts["modality"];
  meeting_link: string | null;
  meeting_phone: string | null;
  meeting_location: string | null;
  in_person_notes: string | null;
  student_time_zone: string;
  alumnus_time_zone: string;
  student_name: string;
  alumnus_name: string;
}

const inviteFacts = (r: FeedRow): InviteFacts => ({
  requestId: r.id,
  sequence: r.calendar_sequence,
  cancelled: r.state === "CANCELLED",
  startsAt: r.meeting_starts_at,
  endsAt: r.meeting_ends_at,
  stamp: r.updated_at,
  studentName: r.student_name,
  alumnusName: r.alumnus_name,
  studentTimeZone: r.student_time_zone,
  alumnusTimeZone: r.alumnus_time_zone,
  modality: r.modality,
  meetingLink: r.meeting_link,
  meetingPhone: r.meeting_phone,
  meetingLocation: r.meeting_location,
  inPersonNotes: r.in_person_notes,
});

/** GET /calendar/<secret>.ics: the feed, or 404 for an unknown (or rotated) secret. Never cached by shared caches. */
export function calendarFeedRouter(feeds: CalendarFeedsService): express.Router {
  const router = express.Router();
  router.get("/:file", async (req, res, next) => {
    try {
      const match = /^([0-9a-f]{72})\.ics$/.exec(req.params.file);
      const ics = match ? await feeds.ics(match[1]) : null;
      res.setHeader("cache-control", "private, max-age=300");
      res.setHeader("referrer-policy", "no-referrer");
      if (ics === null) return void res.status(404).type("text/plain").send("No calendar here. The link may have been replaced.\n");
      res.type("text/calendar; charset=utf-8").send(ics);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
