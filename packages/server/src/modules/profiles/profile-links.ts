import { profileLinkInvalid } from "./profiles.errors";

const MAX_LENGTH = 500;

/** Which link, and where it may point: LinkedIn only on linkedin.com, a web page anywhere public over https. */
const RULES = {
  linkedinUrl: { what: "LinkedIn link", host: (h: string) => h === "linkedin.com" || h.endsWith(".linkedin.com") },
  websiteUrl: { what: "web link", host: (h: string) => h.includes(".") && h !== "localhost" },
} as const;

/**
 * An alum's profile link, checked and tidied: empty means none (null); otherwise an absolute https URL with a real
 * host name, no user name or password in it, no spaces, at most 500 characters. Anything else is PROFILE_LINK_INVALID
 * naming the field, so the form can say which link to fix (the database's CHECK is the second wall).
 */
export function cleanProfileLink(field: keyof typeof RULES, value: string | null | undefined): string | null {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  const rule = RULES[field];
  const bad = (why: string) => profileLinkInvalid(field, `The ${rule.what} ${why}`);
  if (text.length > MAX_LENGTH) throw bad(`is too long: use at most ${MAX_LENGTH} characters.`);
  if (/\s/.test(text)) throw bad("has a space in it: paste the address on its own.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad("is not a web address: it should start with https://");
  }
  if (url.protocol !== "https:") throw bad("must start with https://");
  if (url.username || url.password) throw bad("must not carry a user name or password.");
  if (!rule.host(url.hostname.toLowerCase()))
    throw bad(field === "linkedinUrl" ? "must be on linkedin.com, e.g. https://www.linkedin.com/in/your-name" : "needs a real host name.");
  return text;
}
