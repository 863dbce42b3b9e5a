import { mkdirSync, writeFileSync } from "node:fs";
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
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const FROM = "Infoview <no-reply@infoview.local>";

/**
 * Real SMTP when SMTP_URL is set; otherwise each message is written as an .eml file in
 * <data>/mail, which any mail program opens. Both build the same RFC 5322 message.
 */
export function createMailer(options: { smtpUrl: string | null; dataDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from: FROM, ...message });
      },
    };
  }
  const folder = path.join(options.dataDir, "mail");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let counter = 0;
  return {
    async send(message) {
      const info = await transport.sendMail({ from: FROM, ...message });
      mkdirSync(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const safeTo = message.to.replace(/[^a-z0-9@._-]/gi, "_");
      counter += 1;
      writeFileSync(path.join(folder, `${stamp}-${process.pid}-${counter}-${safeTo}.eml`), info.message as Buffer);
    },
  };
}
