import { Client } from "pg";
import { createDataSource } from "../db/data-source";
import { migrateJobQueue } from "../db/job-queue";
import { JobsOnGraphileWorker1795305602700 } from "../db/migrations/1795305602700-JobsOnGraphileWorker";
import { systemTransaction, tenantTransaction } from "../db/tenant-transaction";
import { addOutboxRow, buildRequestScene } from "../modules/notifications/notifications.fixtures";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { useFreshDatabase } from "../test/database";
import { buildApiKey } from "../modules/integrations/integrations.fixtures";
import { addJob, queuedJobs, runDueJobs } from "../test/jobs";
import { withDatabase } from "../test/test-env";
import { startTestServer } from "../test/test-server";
import { createLogger } from "../logger";
import { createServices } from "../services";
import { MemoryMailer, testConfig } from "../test/test-server";
import { Scheduler } from "./scheduler";
import { schedulerTask, TASK } from "./tasks";

/**
 * graphile-worker's queue as the database holds it: jobs added with their rows in one transaction, ids only, no right
 * for the app role, and a schema the owner login (not a superuser) can create.
 */
const db = useFreshDatabase("job_queue", 4);
const RANK: string[] = [TASK.outbox, TASK.webhook, TASK.institutionJobs];

describe("the job queue", () => {
  it("adds an outbox row's job in the transaction that writes the row, and none when it rolls back", async () => {
    const scene = await buildRequestScene(db());
    const before = await queuedJobs(db(), TASK.outbox);
    await expect(
      tenantTransaction(db(), { institutionId: scene.institution.id }, async (m) => {
        await m.query(`INSERT INTO outbox (institution_id, topic, payload) VALUES ($1, 'request.created', '{}')`, [scene.institution.id]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await queuedJobs(db(), TASK.outbox)).toEqual(before);

    const id = await addOutboxRow(db(), scene, "request.created", { message: "Hello, I would love to hear about your work" });

    const jobs = (await queuedJobs(db(), TASK.outbox)).filter((j) => !before.some((b) => b.id === j.id));
    // Ids only: what the row says (here a message) stays in the tenant's table, behind row-level security.
    expect(jobs).toEqual([
      expect.objectContaining({
        key: `outbox:${id}`,
        payload: { institutionId: scene.institution.id, outboxId: id },
        attempts: 0,
        maxAttempts: 25,
        lastError: null,
        locked: false,
      }),
    ]);
  });

  it("adds a webhook delivery's job with the delivery, ids only", async () => {
    const server = await startTestServer(db());
    try {
      const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
      const created = await server.gql(
        `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hooks", events: [REQUEST_CREATED] }) { endpoint { id } } }`,
        {},
        fixture.key,
      );
      const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
      const [delivery] = await tenantTransaction(db(), { institutionId: fixture.institutionId }, (m) =>
        m.query(
          `INSERT INTO webhook_deliveries (institution_id, endpoint_id, event_id, event, payload) VALUES ($1, $2, 'evt_1', 'request.created', '{"secret":"x"}')
           RETURNING id`,
          [fixture.institutionId, endpointId],
        ),
      );
      const jobs = await queuedJobs(db(), TASK.webhook);
      expect(jobs.filter((j) => j.payload.deliveryId === delivery.id)).toEqual([
        expect.objectContaining({
          key: `webhook:${delivery.id}`,
          payload: { institutionId: fixture.institutionId, deliveryId: delivery.id },
        }),
      ]);
    } finally {
      await server.close();
    }
  });

  it("runs the deliveries first, webhooks next, then the minute's periodic work, however long that has waited", async () => {
    const server = await startTestServer(db());
    try {
      const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
      const created = await server.gql(
        `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hooks", events: [REQUEST_CREATED] }) { endpoint { id } } }`,
        {},
        fixture.key,
      );
      const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
      // The minute's periodic work for every institution, due first.
      const services = createServices(db(), testConfig(), new MemoryMailer());
      const scheduler = new Scheduler({
        dataSource: db(),
        settings: { expiryReminderMs: 3_600_000, minGapMs: 0 },
        logger: createLogger("silent"),
        expiry: services.requestLifecycle,
        followUps: services.conversations,
      });
      await addJob(db(), TASK.scheduler, {}, TASK.scheduler);
      await runDueJobs(db(), { [TASK.scheduler]: schedulerTask({ scheduler, logger: createLogger("silent") }) });
      // As the scheduler reads them: the owner login is under row-level security too when it is not a superuser (CI's PostgreSQL 15).
      const institutions: Array<{ id: string }> = await systemTransaction(db(), (m) => m.query(`SELECT id FROM institutions`));
      const [delivery] = await tenantTransaction(db(), { institutionId: fixture.institutionId }, (m) =>
        m.query(
          `INSERT INTO webhook_deliveries (institution_id, endpoint_id, event_id, event, payload) VALUES ($1, $2, 'evt_2', 'request.created', '{}')
           RETURNING id`,
          [fixture.institutionId, endpointId],
        ),
      );
      const scene = await buildRequestScene(db());
      const outboxId = await addOutboxRow(db(), scene, "request.created");
      const order: string[] = [];
      const record = (task: string) => async (payload: unknown) => {
        order.push(`${task} ${Object.values(payload as Record<string, string>).join(" ")}`);
      };
      await runDueJobs(db(), {
        [TASK.outbox]: record(TASK.outbox),
        [TASK.webhook]: record(TASK.webhook),
        [TASK.institutionJobs]: record(TASK.institutionJobs),
      });
      // Other tests' rows are waiting too: every delivery goes before every webhook, and those before the periodic work.
      const tasks = order.map((line) => line.split(" ")[0]);
      expect(tasks).toEqual([...tasks].sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b)));
      expect(order).toEqual(
        expect.arrayContaining([`outbox ${scene.institution.id} ${outboxId}`, `webhook ${fixture.institutionId} ${delivery.id}`]),
      );
      expect(order.filter((line) => line.startsWith(TASK.institutionJobs)).sort()).toEqual(
        institutions.map((i) => `institution-jobs ${i.id}`).sort(),
      );
    } finally {
      await server.close();
    }
  });

  it("gives the app role no right on graphile_worker's schema: it reaches the queue only through the triggers", async () => {
    const scene = await buildRequestScene(db());
    for (const sql of [
      `SELECT count(*) FROM graphile_worker.jobs`,
      `SELECT count(*) FROM graphile_worker._private_jobs`,
      `SELECT graphile_worker.add_job('outbox', '{}'::json)`,
    ]) {
      await expect(tenantTransaction(db(), { institutionId: scene.institution.id }, (m) => m.query(sql))).rejects.toThrow(
        /permission denied for schema graphile_worker/,
      );
    }
    // Its own rows still get their jobs: the trigger functions run as their owner.
    const id = await addOutboxRow(db(), scene, "request.created");
    expect((await queuedJobs(db(), TASK.outbox)).some((j) => j.payload.outboxId === id)).toBe(true);
  });

  it("gives rows written before the move to graphile-worker their jobs, one institution at a time", async () => {
    const scene = await buildRequestScene(db());
    const migration = new JobsOnGraphileWorker1795305602700();
    const runner = db().createQueryRunner();
    try {
      await migration.down(runner);
      const waiting = await addOutboxRow(db(), scene, "request.created");
      const delivered = await addOutboxRow(db(), scene, "request.accepted");
      await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
        m.query(`UPDATE outbox SET delivered_at = now() WHERE id = $1`, [delivered]),
      );
      expect((await queuedJobs(db(), TASK.outbox)).filter((j) => [waiting, delivered].includes(j.payload.outboxId as string))).toEqual([]);
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
      const jobs = (await queuedJobs(db(), TASK.outbox)).filter((j) => [waiting, delivered].includes(j.payload.outboxId as string));
      expect(jobs.map((j) => j.payload)).toEqual([{ institutionId: scene.institution.id, outboxId: waiting }]);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it("is created by an owner login that is not a superuser (CREATEDB CREATEROLE, as in CI and infra/postgres/init.sql)", async () => {
    const url = new URL(connectionStringOf(db()));
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const role = `infoview_owner_${suffix}`;
    const database = `infoview_test_owner_${suffix}`;
    const admin = new Client({ connectionString: withDatabase(url.toString(), "postgres") });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'owner-password' NOSUPERUSER NOBYPASSRLS CREATEDB CREATEROLE`);
      // As infra/postgres/init.sql does: the app role exists already and is granted to the owner.
      await admin.query(`GRANT infoview_app TO ${role}`);
      await admin.query(`GRANT ${role} TO current_user`);
      await admin.query(`CREATE DATABASE ${database} OWNER ${role}`);
      const owner = new URL(withDatabase(url.toString(), database));
      owner.username = role;
      owner.password = "owner-password";
      const [{ superuser }] = await (async () => {
        const client = new Client({ connectionString: owner.toString() });
        await client.connect();
        try {
          return (await client.query(`SELECT current_setting('is_superuser') AS superuser`)).rows;
        } finally {
          await client.end();
        }
      })();
      expect(superuser).toBe("off");

      await migrateJobQueue(owner.toString());
      const dataSource = createDataSource(owner.toString(), 2);
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: "each" });
        const scene = await buildRequestScene(dataSource);
        const id = await addOutboxRow(dataSource, scene, "request.created");
        expect((await queuedJobs(dataSource, TASK.outbox)).map((j) => j.payload)).toEqual([
          { institutionId: scene.institution.id, outboxId: id },
        ]);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
      await admin.end();
    }
  }, 120_000);
});
