/** What the outbox worker's tests share: settings, a worker on a mailer, a recorder of published events, .eml reading. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { createLogger } from "../logger";
import type { Mailer } from "../modules/notifications/mailer";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { EventBus, requestEventTopic, type RequestNotificationEvent } from "../modules/notifications/pubsub";
import type { OutboxSettings } from "./jobs.config";
import { OutboxWorker } from "./outbox-worker";

export const silent = createLogger("silent");
export const PUBLIC_URL = "http://infoview.test";

export const settings = (overrides: Partial<OutboxSettings> = {}): OutboxSettings => ({
  batchSize: 10,
  leaseMs: 60_000,
  maxAttempts: 3,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  pollMs: 3_600_000,
  ...overrides,
});

/** `workerWith(mailer, settings?, bus?, dataSource?)` for a test file's database. */
export const makeWorkerWith =
  (db: () => DataSource) =>
  (mailer: Mailer, overrides: Partial<OutboxSettings> = {}, bus = new EventBus(), dataSource = db()): OutboxWorker => {
    const deliverer = new OutboxDeliverer({
      dataSource,
      mailer,
      bus,
      publicUrl: PUBLIC_URL,
    });
    return new OutboxWorker({
      dataSource,
      deliverer,
      settings: settings(overrides),
      logger: silent,
    });
  };

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
