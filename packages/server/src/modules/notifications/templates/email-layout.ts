import mjml2html from "mjml";
import { wordsFor, type EmailLocale } from "./i18n/words";

/**
 * One email's words, written once: the plain-text part is these paragraphs joined, the HTML part is the same
 * paragraphs laid out by MJML (responsive, readable on a phone). Every value is escaped before it reaches
 * the markup, so a name such as `<script>` stays text. See docs/decisions/0025-html-email-with-mjml.md.
 */
export interface EmailDraft {
  subject: string;
  /** Shown in the header and footer; null where no institution is known yet (a sign-in link). */
  institutionName: string | null;
  /**
   * Plain-text paragraphs, greeting and sign-off included. Within one: lines starting "  - " are a list,
   * lines starting "> " a quotation; a paragraph that is just "Label: https://…" becomes a button, and a
   * list item "Label: https://…" a link named Label. Any other URL becomes a link.
   */
  paragraphs: string[];
  /** Small print under the message, one "Label: https://…" per line (unsubscribe, preferences): each a link named Label. */
  footer?: string[];
  /** The reader's language (ADR 0033): the HTML's `lang` and the frame's words. English when not given. */
  locale?: EmailLocale;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const emailText = (draft: Pick<EmailDraft, "paragraphs">): string => `${draft.paragraphs.join("\n\n")}\n`;

export async function renderEmail(draft: EmailDraft): Promise<RenderedEmail> {
  return { subject: draft.subject, text: emailText(draft), html: await emailHtml(draft) };
}

/** The HTML part. MJML validation is strict: markup it rejects fails here (and in tests), not in an inbox. */
export async function emailHtml(draft: EmailDraft): Promise<string> {
  const words = wordsFor(draft.locale ?? "en");
  const from = draft.institutionName ? words.t("layout.from", { institution: draft.institutionName }) : "Infoview";
  const source = `<mjml lang="${words.locale}">
  <mj-head>
    <mj-title>${escapeHtml(draft.subject)}</mj-title>
    <mj-preview>${escapeHtml(previewOf(draft))}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1f2933" padding="8px 0" />
      <mj-button background-color="#1d4ed8" color="#ffffff" font-size="16px" border-radius="6px" align="left" padding="12px 0" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f5f7" width="600px">
    <mj-section padding="16px 16px 0">
      <mj-column>
        <mj-text font-size="14px" color="#52606d" padding="0">${escapeHtml(draft.institutionName ?? "Infoview")}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="16px 20px" border-radius="8px">
      <mj-column>
${draft.paragraphs.map(block).join("\n")}
      </mj-column>
    </mj-section>
    <mj-section padding="8px 16px 24px">
      <mj-column>
        <mj-text font-size="13px" color="#52606d">${[escapeHtml(from), ...(draft.footer ?? []).map(listItem)].join("<br>")}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  const { html, errors } = await mjml2html(source, { validationLevel: "strict" });
  if (errors.length > 0) throw new Error(`Email template rejected by MJML: ${errors.map((e) => e.formattedMessage).join("; ")}`);
  return html;
}

const BUTTON = /^([^:\n]{1,60}): (https?:\/\/\S+)$/;
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

function block(paragraph: string): string {
  const button = paragraph.match(BUTTON);
  if (button) return `        <mj-button href="${escapeHtml(button[2])}">${escapeHtml(button[1])}</mj-button>`;
  const lines = paragraph.split("\n");
  const parts: string[] = [];
  let list: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (list.length > 0) parts.push(`<ul style="margin:4px 0;padding-left:20px">${list.map((l) => `<li>${l}</li>`).join("")}</ul>`);
    if (quote.length > 0)
      parts.push(
        `<blockquote style="margin:4px 0;padding-left:12px;border-left:3px solid #cbd2d9;color:#3e4c59">${quote.join("<br>")}</blockquote>`,
      );
    list = [];
    quote = [];
  };
  let plain: string[] = [];
  const flushPlain = () => {
    if (plain.length > 0) parts.push(`<p style="margin:0">${plain.join("<br>")}</p>`);
    plain = [];
  };
  for (const line of lines) {
    if (line.startsWith("  - ")) {
      flushPlain();
      if (quote.length > 0) flush();
      list.push(listItem(line.slice(4)));
    } else if (line.startsWith("> ") || line === ">") {
      flushPlain();
      if (list.length > 0) flush();
      quote.push(inline(line.slice(2)));
    } else {
      flush();
      plain.push(inline(line));
    }
  }
  flush();
  flushPlain();
  return `        <mj-text>${parts.join("")}</mj-text>`;
}

function listItem(text: string): string {
  const named = text.match(BUTTON);
  return named ? `<a href="${escapeHtml(named[2])}" style="color:#1d4ed8">${escapeHtml(named[1])}</a>` : inline(text);
}

/** Escapes the text, then turns its URLs into links (matched on the escaped text, so hrefs stay escaped). */
function inline(text: string): string {
  return escapeHtml(text).replace(URL_PATTERN, (url) => `<a href="${url}" style="color:#1d4ed8">${url}</a>`);
}

function previewOf(draft: EmailDraft): string {
  const first = draft.paragraphs[1] ?? draft.paragraphs[0] ?? "";
  return first.split("\n")[0].slice(0, 140);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
