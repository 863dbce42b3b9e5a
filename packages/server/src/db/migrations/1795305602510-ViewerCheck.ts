import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The check behind every signed-in request, in one statement: the session is live and none of the memberships the
 * token names has been deactivated. Memberships are behind row-level security (a person sees their own), so the
 * function sets the person's identity for its own two queries and puts the previous value back; it runs as its caller
 * (SECURITY INVOKER), so the policies apply as they would inside a transaction of that person. Before, the same check
 * took four round trips (begin, settings, query, commit) on every request (docs/decisions/0010).
 */
export class ViewerCheck1795305602510 implements MigrationInterface {
  name = "ViewerCheck1795305602510";

  async up(db: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await db.query(`SELECT quote_ident(current_schema()) AS schema`);
    await db.query(
      `CREATE FUNCTION viewer_is_active(p_session uuid, p_identity uuid, p_memberships uuid[]) RETURNS boolean
         LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
         DECLARE
           previous text := current_setting('app.identity_id', true);
           ok boolean;
         BEGIN
           PERFORM set_config('app.identity_id', coalesce(p_identity::text, ''), true);
           ok := EXISTS (SELECT 1 FROM ${schema}.sessions WHERE id = p_session AND revoked_at IS NULL AND expires_at > now())
                 AND NOT EXISTS (SELECT 1 FROM ${schema}.memberships WHERE id = ANY(p_memberships) AND deactivated_at IS NOT NULL);
           PERFORM set_config('app.identity_id', coalesce(previous, ''), true);
           RETURN ok;
         END
       $$`,
    );
    await db.query(`REVOKE ALL ON FUNCTION viewer_is_active(uuid, uuid, uuid[]) FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS viewer_is_active(uuid, uuid, uuid[])`);
  }
}
