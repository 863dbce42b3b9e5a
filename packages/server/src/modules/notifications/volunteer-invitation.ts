import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import type { PlannedEmail } from "./planned-email";
import type { EmailDraft } from "./templates/email-layout";
import { emailLocale, emailLocaleSql, wordsFor, type EmailLocale } from "./templates/i18n/words";

/** Where a new alum says yes (or not now): the alum consent page (ALUMNUS_LISTED, ALUMNUS_CONTACT). */
export const VOLUNTEER_PATH = "/alumni/welcome";

/**
 * "You graduated: would you volunteer?" (graduation.volunteer_invitation), to a new alum made by graduateStudents or the
 * automatic graduation. Nothing about them is shown to students until they agree on the consent page.
 */
export function volunteerInvitationEmail(input: {
  name: string;
  institutionName: string;
  publicUrl: string;
  locale?: EmailLocale;
}): EmailDraft {
  const locale = input.locale ?? "en";
  const w = wordsFor(locale);
  const institution = input.institutionName;
  return {
    subject: w.t("graduation.volunteer.subject", { institution }),
    institutionName: institution,
    locale,
    paragraphs: [
      w.t("common.hello", { name: input.name }),
      w.t("graduation.volunteer.account", { institution }),
      w.t("graduation.volunteer.ask"),
      w.t("graduation.volunteer.consent", { url: `${input.publicUrl}${VOLUNTEER_PATH}` }),
      w.t("graduation.volunteer.control"),
    ],
  };
}

/** The invitation for the alum membership in the payload, while it is live and has not agreed yet (else nothing). */
export async function planVolunteerInvitation(
  m: EntityManager,
  institutionId: string,
  payload: { membershipId?: unknown },
  publicUrl: string,
): Promise<PlannedEmail[]> {
  const [person] = await sqlRows<{ id: string; name: string; email: string; institution: string; time_zone: string; locale: string }>(
    m,
    `SELECT ms.id, idn.display_name AS name, idn.email, i.name AS institution, i.time_zone, ${emailLocaleSql("idn", "i")} AS locale
       FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id JOIN institutions i ON i.id = ms.institution_id
      WHERE ms.institution_id = $1 AND ms.id = $2::uuid AND ms.role = 'ALUMNUS' AND ms.deactivated_at IS NULL AND ms.erased_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.institution_id = ms.institution_id AND c.membership_id = ms.id
                          AND c.kind = 'ALUMNUS_LISTED' AND c.withdrawn_at IS NULL)`,
    [institutionId, String(payload.membershipId ?? "")],
  );
  if (!person) return [];
  const locale = emailLocale(person.locale);
  const draft = volunteerInvitationEmail({ name: person.name, institutionName: person.institution, publicUrl, locale });
  return [
    {
      side: "ALUMNUS",
      to: { membershipId: person.id, name: person.name, email: person.email, timeZone: person.time_zone, locale },
      subject: draft.subject,
      text: `${draft.paragraphs.join("\n\n")}\n`,
      paragraphs: draft.paragraphs,
      institutionName: person.institution,
      locale,
      attachments: [],
    },
  ];
}
