import type { EmailDraft } from "./email-layout";

/** The emails about a person's account rather than a request: sign-in links, password resets, address checks, invitations. */
export const ACCOUNT_EMAIL_PURPOSES = ["SIGN_IN_LINK", "PASSWORD_RESET", "VERIFY_EMAIL"] as const;
export type AccountEmailPurpose = (typeof ACCOUNT_EMAIL_PURPOSES)[number];

export function accountLinkEmail(input: { purpose: AccountEmailPurpose; link: string; minutes: number }): EmailDraft {
  const { link, minutes } = input;
  const message = {
    SIGN_IN_LINK: {
      subject: "Your Infoview sign-in link",
      lines: [`Sign in to Infoview: ${link}`, `It works once, for ${minutes} minutes.`],
    },
    PASSWORD_RESET: {
      subject: "Reset your Infoview password",
      lines: [`Choose a new password: ${link}`, `The link works once, for ${minutes} minutes. Resetting signs you out everywhere else.`],
    },
    VERIFY_EMAIL: {
      subject: "Confirm your email address for Infoview",
      lines: [`Confirm that this address is yours: ${link}`, `The link works once, for 24 hours.`],
    },
  }[input.purpose];
  return {
    subject: message.subject,
    institutionName: null,
    paragraphs: ["Hello,", ...message.lines, "If you did not ask for this, you can ignore this email."],
  };
}

export function invitationEmail(input: { institutionName: string; role: string; link: string; expiresAt: Date }): EmailDraft {
  return {
    subject: `You're invited to ${input.institutionName} on Infoview`,
    institutionName: input.institutionName,
    paragraphs: [
      `Hello,`,
      `${input.institutionName} invites you to join Infoview as ${input.role}.\nInfoview connects students with alumni for short informational interviews — conversations to learn what a field is really like.`,
      `Set your password and get started: ${input.link}`,
      `This link works until ${input.expiresAt.toUTCString()}.`,
    ],
  };
}

/** "Your account will be deleted on …" (account.erasure_requested): the date, how to cancel, how to get a copy first. */
export function erasureRequestedEmail(input: { name: string; institutionName: string; dueAt: Date; publicUrl: string }): EmailDraft {
  const due = input.dueAt.toISOString().slice(0, 10);
  return {
    subject: `Your ${input.institutionName} Infoview account will be deleted on ${due}`,
    institutionName: input.institutionName,
    paragraphs: [
      `Hello ${input.name},`,
      `You asked to delete your account. On ${due} (UTC) everything ${input.institutionName}'s Infoview holds about you will be erased: your profile, messages, notes and contact log. The people you met keep their own notes, without your name.`,
      `Changed your mind? Sign in before then and choose "Cancel deletion" on your account page.`,
      `Your account: ${input.publicUrl}/account`,
      `Want a copy first? "Download my data" is on the same page.`,
    ],
  };
}
