/**
 * The person's name for a profile row, read through memberships → identities as a subquery of the same
 * SELECT, so a page of N profiles still costs one query. `alias` is the profile table's escaped alias.
 */
export const displayNameSql = (alias: string): string =>
  `SELECT idn.display_name FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id WHERE ms.institution_id = ${alias}.institution_id AND ms.id = ${alias}.membership_id`;
