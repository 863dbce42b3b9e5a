import { randomUUID } from "node:crypto";
import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildInstitution } from "../../test/factories";
import { eventually } from "./notifications.fixtures";
import { connectionStringOf, PgListener } from "./pg-listener";
import { EventBus, requestEventTopic, type RequestNotificationEvent } from "./pubsub";

const db = useTestDatabase();

/** Two buses, each with its own LISTEN connection: two server processes as far as PostgreSQL can tell. */
async function twoProcesses() {
  const processes = [new EventBus(), new EventBus()].map((bus) => ({
    bus,
    listener: new PgListener(connectionStringOf(db())),
  }));
  for (const p of processes) {
    await p.bus.listen(p.listener);
    await p.listener.start();
  }
  return processes;
}

function record(bus: EventBus, institutionId: string): RequestNotificationEvent[] {
  const seen: RequestNotificationEvent[] = [];
  const iterator = bus.pubSub.subscribe(requestEventTopic(institutionId))[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value as RequestNotificationEvent);
  })();
  return seen;
}

const eventIn = (institutionId: string, id: string): RequestNotificationEvent => ({
  id,
  institutionId,
  requestId: randomUUID(),
  kind: "ACCEPTED",
  recipients: [randomUUID(), randomUUID()],
  occurredAt: new Date().toISOString(),
});

describe("the real-time bus across processes", () => {
  it("reaches another process's subscribers through NOTIFY on commit, and this process's once", async () => {
    const institution = await buildInstitution(db());
    const [a, b] = await twoProcesses();
    try {
      const inA = record(a.bus, institution.id);
      const inB = record(b.bus, institution.id);
      await eventually(
        () => a.bus.subscriberCount(institution.id) === 1 && b.bus.subscriberCount(institution.id) === 1,
        5000,
        "subscribers",
      );

      const rolledBack = eventIn(institution.id, "1");
      await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
        await a.bus.notifyOthers(m, rolledBack);
        throw new Error("roll back");
      }).catch(() => {});
      const committed = eventIn(institution.id, "2");
      await tenantTransaction(db(), { institutionId: institution.id }, (m) => a.bus.notifyOthers(m, committed));
      a.bus.publishLocal(committed);
      // B hears A's event only through NOTIFY; its own marker below is delivered locally at once, so wait for
      // the first before sending the second, or B could see them in either order.
      await eventually(() => inB.length >= 1, 20_000, "A's event in B");
      // A marker from the other process, committed last: each LISTEN connection gets notifications in commit
      // order, so once it has arrived in A, a repeat of A's own event would have arrived before it.
      const marker = eventIn(institution.id, "3");
      await tenantTransaction(db(), { institutionId: institution.id }, (m) => b.bus.notifyOthers(m, marker));
      b.bus.publishLocal(marker);

      await eventually(() => inB.length >= 2 && inA.length >= 2, 20_000, "both events in both processes");
      expect(inB.map((e) => e.id)).toEqual(["2", "3"]);
      expect(inA.map((e) => e.id)).toEqual(["2", "3"]);
      expect(inB[0]).toEqual(committed);
    } finally {
      await a.listener.close();
      await b.listener.close();
    }
  });

  it("ignores a malformed notification on the channel", async () => {
    const institution = await buildInstitution(db());
    const [a, b] = await twoProcesses();
    try {
      const inB = record(b.bus, institution.id);
      await eventually(() => b.bus.subscriberCount(institution.id) === 1, 5000, "the subscriber");
      await db().query(`SELECT pg_notify('infoview_events', 'not json'), pg_notify('infoview_events', '{"origin":"x","event":{"id":1}}')`);
      const good = eventIn(institution.id, "9");
      await tenantTransaction(db(), { institutionId: institution.id }, (m) => a.bus.notifyOthers(m, good));
      await eventually(() => inB.length === 1, 20_000, "the well-formed event");
      expect(inB).toEqual([good]);
    } finally {
      await a.listener.close();
      await b.listener.close();
    }
  });
});
