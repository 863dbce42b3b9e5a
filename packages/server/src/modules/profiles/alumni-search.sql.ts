/**
 * Alumni of one institution whose name, employer, job title or topics contain a pattern (ILIKE), as a SQL
 * subquery of membership ids. Each half is served by a trigram index (alumni_profiles.search_text and
 * identities.display_name; see the Matching migration), so a search stays fast with 20,000+ alumni.
 * `institution` and `pattern` are SQL placeholders, e.g. "$1" and "$4"; build the pattern with containsPattern.
 */
export const alumniSearchSql = (institution: string, pattern: string): string =>
  `SELECT sp.membership_id FROM alumni_profiles sp WHERE sp.institution_id = ${institution} AND sp.search_text ILIKE ${pattern}
   UNION
   SELECT sm.id FROM memberships sm JOIN identities si ON si.id = sm.identity_id
    WHERE sm.institution_id = ${institution} AND sm.role = 'ALUMNUS' AND si.display_name ILIKE ${pattern}`;
