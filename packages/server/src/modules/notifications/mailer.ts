import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The HTML alternative (templates/email-layout); with it the body is multipart/alternative. */
  html?: string;
  attachments?: MailAttachment[];
  /** Extra header fields (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /**
   * A stable name for this message ([a-z0-9.-]): sending the same key again is the same message. It becomes
   * the Message-ID (so receivers can drop a repeat) and the .eml file name (so a repeat replaces the file).
   */
  key?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const FROM = "Infoview <no-reply@infoview.local>";
const MESSAGE_ID_DOMAIN = "infoview.local";

/** Well under the outbox lease, so a hung SMTP server fails the attempt instead of outliving the claim. */
const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
};

export const messageIdFor = (key: string): string => `<${key}@${MESSAGE_ID_DOMAIN}>`;

/**
 * The RFC 5322 message. A calendar invitation (a text/calendar attachment with a method) becomes nodemailer's
 * icalEvent: a text/calendar part of the multipart/alternative body, which mail programs show as an invitation
 * (accept, add to calendar), and the same file as an attachment for the others.
 */
function envelope(message: MailMessage) {
  const { key, attachments, ...rest } = message;
  const invite = attachments?.find((a) => /^text\/calendar;.*method=/i.test(a.contentType));
  const method = invite?.contentType.match(/method=([A-Z]+)/i)?.[1];
  return {
    from: FROM,
    ...rest,
    attachments: (attachments ?? []).filter((a) => a !== invite),
    ...(invite && method ? { icalEvent: { method, filename: invite.filename, content: invite.content } } : {}),
    ...(key ? { messageId: messageIdFor(key) } : {}),
  };
}

/**
 * Real SMTP when SMTP_URL is set; otherwise each message is written as an .eml file in
 * <data>/mail, which any mail program opens. Both build the same RFC 5322 message.
 */
export function createMailer(options: { smtpUrl: string | null; dataDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      ...SMTP_TIMEOUTS,
    });
    return {
      async send(message) {
        await transport.sendMail(envelope(message));
      },
    };
  }
  return createFileMailer(path.join(options.dataDir, "mail"));
}

/** Writes each message as an .eml file in `folder`; a keyed message is written atomically under its key. */
export function createFileMailer(folder: string): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
  });
  let counter = 0;
  return {
    async send(message) {
      const info = await transport.sendMail(envelope(message));
      mkdirSync(folder, { recursive: true });
      counter += 1;
      if (message.key) {
        const safeKey = message.key.replace(/[^a-z0-9.-]/gi, "_");
        const temporary = path.join(folder, `.${safeKey}.${process.pid}.${counter}.tmp`);
        writeFileSync(temporary, info.message as Buffer);
        renameSync(temporary, path.join(folder, `${safeKey}.eml`));
        return;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const safeTo = message.to.replace(/[^a-z0-9@._-]/gi, "_");
      writeFileSync(path.join(folder, `${stamp}-${process.pid}-${counter}-${safeTo}.eml`), info.message as Buffer);
    },
  };
}
