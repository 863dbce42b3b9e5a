import type { EmailDraft } from "./email-layout";
import { wordsFor, type EmailLocale } from "./i18n/words";

/** The emails about a person's account rather than a request: sign-in links, password resets, address checks, invitations. */
export const ACCOUNT_EMAIL_PURPOSES = ["SIGN_IN_LINK", "PASSWORD_RESET", "VERIFY_EMAIL"] as const;
export type AccountEmailPurpose = (typeof ACCOUNT_EMAIL_PURPOSES)[number];

const ACCOUNT_KEYS = {
  SIGN_IN_LINK: ["account.signIn.subject", "account.signIn.link", "account.signIn.lifetime"],
  PASSWORD_RESET: ["account.reset.subject", "account.reset.link", "account.reset.lifetime"],
  VERIFY_EMAIL: ["account.verify.subject", "account.verify.link", "account.verify.lifetime"],
} as const;

/** A sign-in link, a password reset or an address check, in the person's language (English when nobody is known yet). */
export function accountLinkEmail(input: { purpose: AccountEmailPurpose; link: string; minutes: number; locale?: EmailLocale }): EmailDraft {
  const { link, minutes } = input;
  const locale = input.locale ?? "en";
  const w = wordsFor(locale);
  const [subject, linkLine, lifetime] = ACCOUNT_KEYS[input.purpose];
  return {
    subject: w.t(subject),
    institutionName: null,
    locale,
    paragraphs: [w.t("common.helloAnyone"), w.t(linkLine, { link }), w.t(lifetime, { minutes }), w.t("account.ignore")],
  };
}

/** An invitation, in the institution's default language (the invitee has chosen none yet); the date in its time zone. */
export function invitationEmail(input: {
  institutionName: string;
  role: "STUDENT" | "ALUMNUS" | "ADVISOR" | "ADMIN";
  link: string;
  expiresAt: Date;
  timeZone?: string;
  locale?: EmailLocale;
}): EmailDraft {
  const locale = input.locale ?? "en";
  const w = wordsFor(locale);
  const institution = input.institutionName;
  return {
    subject: w.t("account.invitation.subject", { institution }),
    institutionName: institution,
    locale,
    paragraphs: [
      w.t("common.helloAnyone"),
      w.t("account.invitation.body", { institution, role: w.t("account.invitation.role", { role: input.role }) }),
      w.t("account.invitation.link", { link: input.link }),
      w.t("account.invitation.until", { until: w.zonedTime(input.expiresAt, input.timeZone ?? "UTC") }),
    ],
  };
}

/** "Your account will be deleted on …" (account.erasure_requested): the date, how to cancel, how to get a copy first. */
export function erasureRequestedEmail(input: {
  name: string;
  institutionName: string;
  dueAt: Date;
  publicUrl: string;
  locale?: EmailLocale;
}): EmailDraft {
  const locale = input.locale ?? "en";
  const w = wordsFor(locale);
  const due = w.date(input.dueAt);
  const institution = input.institutionName;
  return {
    subject: w.t("account.erasure.subject", { institution, due }),
    institutionName: institution,
    locale,
    paragraphs: [
      w.t("common.hello", { name: input.name }),
      w.t("account.erasure.body", { institution, due }),
      w.t("account.erasure.cancel"),
      w.t("account.erasure.account", { url: `${input.publicUrl}/account` }),
      w.t("account.erasure.copy"),
    ],
  };
}
