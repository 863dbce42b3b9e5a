/** What the outbox job's tests share: settings, a worker on a mailer, a recorder of published events, .eml reading. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TaskList, WithPgClient } from "graphile-worker";
import type { DataSource } from "typeorm";
import { jobQueuePool } from "../db/job-queue";
import { createLogger } from "../logger";
import type { Mailer } from "../modules/notifications/mailer";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { EventBus, requestEventTopic, type RequestNotificationEvent } from "../modules/notifications/pubsub";
import { OutcomeRecorder, runDueJobs } from "../test/jobs";
import type { OutboxSettings } from "./jobs.config";
import { OutboxJob } from "./outbox-job";
import { reclaimStaleJobs } from "./reclaim";
import { outboxTask, TASK } from "./tasks";

export const silent = createLogger("silent");
export const PUBLIC_URL = "http://infoview.test";

export const settings = (overrides: Partial<OutboxSettings> = {}): OutboxSettings => ({
  leaseMs: 60_000,
  maxAttempts: 3,
  ...overrides,
});

export interface DrainResult {
  delivered: number;
  failed: number;
}

/** An institution's attempts that delivered, and the ones that failed (to be retried, given up, or taken over). */
export function drainResult(counts: Record<string, number>): DrainResult {
  return {
    delivered: counts.delivered ?? 0,
    failed: (counts.retrying ?? 0) + (counts.failed ?? 0) + (counts["lease-lost"] ?? 0) + (counts.error ?? 0),
  };
}

/** The `outbox` task of one worker, and a way to run it as the server's runner would, once. */
export interface TestOutboxWorker {
  job: OutboxJob;
  /** Only the `outbox` task: the runner takes no other job. */
  tasks: TaskList;
  outcomes: OutcomeRecorder;
  /** Runs every due `outbox` job (graphile-worker's runOnce) and counts this institution's outcomes. */
  drainInstitution(institutionId: string): Promise<DrainResult>;
}

/** `workerWith(mailer, settings?, bus?, dataSource?)` for a test file's database. */
export const makeWorkerWith =
  (db: () => DataSource) =>
  (mailer: Mailer, overrides: Partial<OutboxSettings> = {}, bus = new EventBus(), dataSource = db()): TestOutboxWorker => {
    const deliverer = new OutboxDeliverer({
      dataSource,
      mailer,
      bus,
      publicUrl: PUBLIC_URL,
    });
    const job = new OutboxJob({
      dataSource,
      deliverer,
      settings: settings(overrides),
      logger: silent,
    });
    const outcomes = new OutcomeRecorder();
    const tasks = { [TASK.outbox]: outboxTask({ outbox: job, logger: silent, onOutcome: outcomes.onOutcome }) };
    return {
      job,
      tasks,
      outcomes,
      async drainInstitution(institutionId) {
        const from = outcomes.events.length;
        await runDueJobs(dataSource, tasks);
        return drainResult(outcomes.count(institutionId, from));
      },
    };
  };

/** What the crontab's `reclaim` job does each minute: hands back the jobs held past their lease. */
export async function reclaim(dataSource: DataSource, leaseMs: number): Promise<string[]> {
  const pool = jobQueuePool(connectionStringOf(dataSource), 1);
  const withPgClient: WithPgClient = async (fn) => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
  try {
    return await reclaimStaleJobs(withPgClient, { [TASK.outbox]: leaseMs });
  } finally {
    await pool.end();
  }
}

/** Everything a bus publishes locally for one institution. */
export function record(bus: EventBus, institutionId: string): RequestNotificationEvent[] {
  const seen: RequestNotificationEvent[] = [];
  const iterator = bus.pubSub.subscribe(requestEventTopic(institutionId))[Symbol.asyncIterator]();
  const pump = async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      seen.push(next.value as RequestNotificationEvent);
    }
  };
  void pump();
  return seen;
}

/** Headers unfolded and the quoted-printable body decoded, as a mail program shows them. */
export function readEml(file: string): {
  header: (name: string) => string | undefined;
  body: string;
} {
  const raw = readFileSync(file, "utf8");
  const split = raw.indexOf("\n\n");
  const headers = raw.slice(0, split).replace(/\n[ \t]+/g, " ");
  const body = raw
    .slice(split + 2)
    .replace(/=\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return {
    header: (name) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1],
    body: Buffer.from(body, "latin1").toString("utf8"),
  };
}

const folders: string[] = [];
export function mailFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "infoview-mail-"));
  folders.push(folder);
  return folder;
}
/** Removes the folders mailFolder made (a test file calls it in afterAll). */
export function removeMailFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
