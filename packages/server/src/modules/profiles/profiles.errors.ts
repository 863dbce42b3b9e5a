import { AppError, badInput } from "../../graphql/errors";

export const profileNotShared = () =>
  new AppError("PROFILE_NOT_SHARED", "This student has not chosen to share their profile with advisors. Their name is all that is shown.");

export const unknownTaxonomy = (problems: Array<{ field: string; ids: string[]; what: string }>) =>
  badInput(problems.map((p) => ({ field: p.field, message: `Unknown ${p.what}: ${p.ids.join(", ")}. Use ids from the list.` })));

/** An alum's profile link that cannot be shown: `field` names which (linkedinUrl or websiteUrl). */
export const profileLinkInvalid = (field: "linkedinUrl" | "websiteUrl", message: string) =>
  new AppError("PROFILE_LINK_INVALID", message, { field });
