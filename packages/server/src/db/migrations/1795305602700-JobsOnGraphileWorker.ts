import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Background jobs on graphile-worker (docs/decisions/0013-jobs-on-graphile-worker.md). Each new outbox row and each new
 * PENDING webhook delivery gets its job from a statement trigger, in the transaction that inserts the row: the job is
 * committed with the change it announces, or not at all. The job holds ids only (task `outbox`: institutionId and
 * outboxId; `webhook`: institutionId and deliveryId) and a key per row, so a row never has two waiting jobs. graphile-worker
 * takes due jobs by priority, then run_at, with no order among equal times: the rows of one statement are a microsecond
 * apart, so they are delivered in the order they were written. Webhooks come after the outbox's emails and real-time
 * events (priority 1).
 *
 * The trigger functions are SECURITY DEFINER, owned by the schema owner who also owns graphile_worker's schema, so the
 * app role gets no right on graphile_worker at all. They read only the statement's new rows. The old wake-up NOTIFY
 * (outbox_notify) goes: graphile-worker's add_jobs notifies its workers itself.
 *
 * Rows already waiting (written before this migration) get their jobs here. graphile-worker's own migrations run
 * before this one (db/job-queue.ts).
 */
export class JobsOnGraphileWorker1795305602700 implements MigrationInterface {
  name = "JobsOnGraphileWorker1795305602700";

  async up(db: QueryRunner): Promise<void> {
    const [{ ready }] = await db.query(
      `SELECT to_regprocedure('graphile_worker.add_jobs(graphile_worker.job_spec[], boolean)') IS NOT NULL AS ready`,
    );
    if (!ready) throw new Error("graphile-worker's schema is missing: its migrations run first (db/job-queue.ts, migrateJobQueue)");
    const statements = [
      `DROP TRIGGER IF EXISTS outbox_notify ON outbox`,
      `DROP FUNCTION IF EXISTS outbox_notify()`,

      `CREATE FUNCTION outbox_add_jobs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
         BEGIN
           IF EXISTS (SELECT 1 FROM new_rows) THEN
             PERFORM graphile_worker.add_jobs(ARRAY(
               SELECT ROW('outbox', json_build_object('institutionId', n.institution_id, 'outboxId', n.id::text),
                          NULL, now() + n.rank * interval '1 microsecond', 25, 'outbox:' || n.id, NULL, NULL)::graphile_worker.job_spec
                 FROM (SELECT *, row_number() OVER (ORDER BY id) AS rank FROM new_rows) n ORDER BY n.id));
           END IF;
           RETURN NULL;
         END
       $$`,
      `REVOKE ALL ON FUNCTION outbox_add_jobs() FROM PUBLIC`,
      `CREATE TRIGGER outbox_add_jobs AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION outbox_add_jobs()`,

      `CREATE FUNCTION webhook_deliveries_add_jobs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
         BEGIN
           IF EXISTS (SELECT 1 FROM new_rows WHERE state = 'PENDING') THEN
             PERFORM graphile_worker.add_jobs(ARRAY(
               SELECT ROW('webhook', json_build_object('institutionId', n.institution_id, 'deliveryId', n.id),
                          NULL, now() + n.rank * interval '1 microsecond', 25, 'webhook:' || n.id, 1, NULL
                        )::graphile_worker.job_spec
                 FROM (SELECT *, row_number() OVER (ORDER BY outbox_id, created_at, id) AS rank FROM new_rows WHERE state = 'PENDING') n
                ORDER BY n.rank));
           END IF;
           RETURN NULL;
         END
       $$`,
      `REVOKE ALL ON FUNCTION webhook_deliveries_add_jobs() FROM PUBLIC`,
      `CREATE TRIGGER webhook_deliveries_add_jobs AFTER INSERT ON webhook_deliveries REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_add_jobs()`,

      // Rows waiting from before: one institution at a time, as row-level security wants (the owner is subject to it too).
      `DO $$
         DECLARE institution uuid;
         BEGIN
           PERFORM set_config('app.system', 'on', true);
           FOR institution IN SELECT id FROM institutions LOOP
             PERFORM set_config('app.institution_id', institution::text, true);
             PERFORM graphile_worker.add_jobs(ARRAY(
               SELECT ROW('outbox', json_build_object('institutionId', o.institution_id, 'outboxId', o.id::text),
                          NULL, now() + o.rank * interval '1 microsecond', 25, 'outbox:' || o.id, NULL, NULL)::graphile_worker.job_spec
                 FROM (SELECT *, row_number() OVER (ORDER BY id) AS rank FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL) o
                ORDER BY o.id))
             WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.delivered_at IS NULL AND o.failed_at IS NULL);
             PERFORM graphile_worker.add_jobs(ARRAY(
               SELECT ROW('webhook', json_build_object('institutionId', d.institution_id, 'deliveryId', d.id),
                          NULL, now() + d.rank * interval '1 microsecond', 25, 'webhook:' || d.id, 1, NULL
                        )::graphile_worker.job_spec
                 FROM (SELECT *, row_number() OVER (ORDER BY outbox_id, created_at, id) AS rank FROM webhook_deliveries WHERE state = 'PENDING') d
                ORDER BY d.rank))
             WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.state = 'PENDING');
           END LOOP;
           PERFORM set_config('app.institution_id', '', true);
           PERFORM set_config('app.system', '', true);
         END
       $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS webhook_deliveries_add_jobs ON webhook_deliveries`);
    await db.query(`DROP FUNCTION IF EXISTS webhook_deliveries_add_jobs()`);
    await db.query(`DROP TRIGGER IF EXISTS outbox_add_jobs ON outbox`);
    await db.query(`DROP FUNCTION IF EXISTS outbox_add_jobs()`);
    await db.query(`CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM pg_notify('outbox', NEW.institution_id::text);
           RETURN NULL;
         END
       $$`);
    await db.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify()`);
  }
}
