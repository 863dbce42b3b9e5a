import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Retention of what people wrote on a request (issue 13, ADR 0027): besides the message, the questions and the decline
 * reason, the reasons given in the request's history (withdrawn, cancelled, rescheduled, did not come) go too. The
 * history is append-only for the app role (SELECT, INSERT), so, as for an erasure (deidentify_person), only this
 * SECURITY DEFINER function may empty those reasons, for the current institution's requests only.
 */
export class RetentionRequestTexts1795305605500 implements MigrationInterface {
  name = "RetentionRequestTexts1795305605500";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION retain_request_event_reasons(p_institution uuid, p_requests uuid[]) RETURNS bigint
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE changed bigint;
       BEGIN
         IF p_institution IS DISTINCT FROM nullif(current_setting('app.institution_id', true), '')::uuid THEN
           RAISE EXCEPTION 'retain_request_event_reasons: not the current institution' USING ERRCODE = 'insufficient_privilege';
         END IF;
         PERFORM set_config('infoview.erasure', 'on', true);
         UPDATE request_events SET reason = NULL
          WHERE institution_id = p_institution AND request_id = ANY(p_requests) AND reason IS NOT NULL;
         GET DIAGNOSTICS changed = ROW_COUNT;
         PERFORM set_config('infoview.erasure', 'off', true);
         RETURN changed;
       END $$`,
      `REVOKE ALL ON FUNCTION retain_request_event_reasons(uuid, uuid[]) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION retain_request_event_reasons(uuid, uuid[]) TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS retain_request_event_reasons(uuid, uuid[])`);
  }
}
