/**
 * Alumni of one institution whose name, employer, job title or topics contain a pattern, case-insensitively, as a SQL
 * subquery of membership ids. Names are matched with ILIKE through the trigram index on identities.display_name (a
 * global table, without row-level security). Employer, title and topics are matched with LIKE on their stored
 * lower-cased copy, alumni_profiles.search_lower (migration 1795305602610-SearchLower): under row-level security the
 * app role cannot use its trigram index (ADR 0010), and LIKE on lower-cased text costs less than half of ILIKE per row.
 * `institution` and `pattern` are SQL placeholders, e.g. "$1" and "$4"; build the pattern with containsPattern.
 */
export const alumniSearchSql = (institution: string, pattern: string): string =>
  `SELECT sp.membership_id FROM alumni_profiles sp WHERE sp.institution_id = ${institution} AND sp.search_lower LIKE lower(${pattern})
   UNION
   SELECT sm.id FROM memberships sm JOIN identities si ON si.id = sm.identity_id
    WHERE sm.institution_id = ${institution} AND sm.role = 'ALUMNUS' AND si.display_name ILIKE ${pattern}`;
