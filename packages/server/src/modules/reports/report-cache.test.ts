import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { asInstitution, viewerOf } from "../../test/request-kit";
import { createServices, type Services } from "../../services";
import { MemoryMailer, startTestServer, testConfig } from "../../test/test-server";
import { eventually } from "../notifications/notifications.fixtures";
import { connectionStringOf, PgListener } from "../notifications/pg-listener";
import { ReportCache } from "./report-cache";
import { ReportGroupBy, ReportPeriod } from "./reports.enums";
import { insertFlag, insertOutcome, insertRequest, setStudentProfile } from "./reports.fixtures";

const db = useTestDatabase();
/** Computes every report afresh: no LISTEN connection, so its cache is never used. */
let fresh: Services;
const processes: Array<{ services: Services; listener: PgListener }> = [];

beforeAll(() => {
  fresh = createServices(db(), testConfig(), new MemoryMailer());
});
afterEach(async () => {
  for (const p of processes.splice(0)) await p.listener.close();
});

/** A server process as far as the cache can tell: its own services and its own LISTEN connection. */
async function serverProcess(): Promise<Services> {
  const services = createServices(db(), testConfig(), new MemoryMailer());
  const listener = new PgListener(connectionStringOf(db()), { onReconnect: () => services.reports.cache.reset() });
  await services.reports.cache.listen(listener);
  await listener.start();
  processes.push({ services, listener });
  return services;
}

const DAY = 24 * 3600_000;
const GROUPINGS = [ReportGroupBy.NONE, ReportGroupBy.CAREER_FIELD, ReportGroupBy.CLASS_YEAR, ReportGroupBy.ALUMNUS, ReportGroupBy.ADVISOR];

/** An institution with a few weeks of everything a report counts. */
async function scene() {
  const institution = await buildInstitution(db());
  const admin = await buildAdmin(db(), { institution });
  const advisor = await buildAdvisor(db(), { institution });
  const students = [await buildStudent(db(), { institution }), await buildStudent(db(), { institution })];
  const alumni = [await buildAlumnus(db(), { institution }), await buildAlumnus(db(), { institution })];
  await setStudentProfile(db(), students[0], { classYear: 2027, fields: ["software-engineering", "data-science"], advisor });
  await setStudentProfile(db(), students[1], { classYear: 2028 });
  const now = Date.now();
  const states = ["COMPLETED", "DECLINED", "NO_SHOW", "EXPIRED", "REQUESTED", "COMPLETED"] as const;
  for (let k = 0; k < states.length; k++) {
    const createdAt = new Date(now - (3 + 9 * k) * DAY);
    const id = await insertRequest(db(), students[k % 2], alumni[k % 2], {
      state: states[k],
      createdAt,
      answeredAfterHours: states[k] === "EXPIRED" || states[k] === "REQUESTED" ? undefined : 2 + k,
      thankYouAfterDays: states[k] === "COMPLETED" ? 1 + k / 10 : undefined,
      expiresAt: states[k] === "REQUESTED" ? new Date(now + DAY) : undefined,
    });
    if (states[k] === "COMPLETED") await insertOutcome(db(), students[k % 2], "JOB_OFFER", new Date(createdAt.getTime() + 5 * DAY), id);
  }
  await insertFlag(db(), students[1], null, new Date(now - 4 * DAY));
  return { institution, admin, advisor, students, alumni };
}

const json = (value: unknown) => JSON.stringify(value);

describe("report cache across server processes", () => {
  it("serves hits byte-identical to a fresh computation, for every breakdown, the trend and a viewer below admin", async () => {
    const { admin, advisor } = await scene();
    const server = await serverProcess();
    const stats = server.reports.cache.stats;
    for (const groupBy of GROUPINGS) {
      for (const period of [ReportPeriod.MONTH, ReportPeriod.TERM]) {
        const args = { period, groupBy };
        const miss = await server.reports.requestReport(viewerOf(admin), args);
        const [hitsBefore, missesBefore] = [stats.hits, stats.misses];
        const hit = await server.reports.requestReport(viewerOf(admin), args);
        // Served from the cache only (the career-field breakdown reads two entries: its groups and the plain total).
        expect(stats.misses).toBe(missesBefore);
        expect(stats.hits).toBe(hitsBefore + (groupBy === ReportGroupBy.CAREER_FIELD ? 2 : 1));
        const computed = await fresh.reports.requestReport(viewerOf(admin), args);
        expect(json(hit)).toBe(json(computed));
        expect(json(miss)).toBe(json(computed));
        // The advisor shares the cached rows; suppression is applied per viewer, after the cache.
        const advisorHit = await server.reports.requestReport(viewerOf(advisor), args);
        expect(stats.misses).toBe(missesBefore);
        expect(json(advisorHit)).toBe(json(await fresh.reports.requestReport(viewerOf(advisor), args)));
      }
    }
    expect(stats.hits).toBeGreaterThan(0);
    const trendArgs = { period: ReportPeriod.WEEK, count: 8 };
    await server.reports.requestTrend(viewerOf(admin), trendArgs);
    const hitsBefore = stats.hits;
    // Another date in the same week: the same periods, so the same entry.
    const trendHit = await server.reports.requestTrend(viewerOf(admin), { ...trendArgs, date: new Date(Date.now() - 1000) });
    expect(stats.hits).toBe(hitsBefore + 1);
    expect(json(trendHit)).toBe(json(await fresh.reports.requestTrend(viewerOf(admin), trendArgs)));
  });

  it("the career-field breakdown takes its total from the plain report's entry", async () => {
    const { admin } = await scene();
    const server = await serverProcess();
    const stats = server.reports.cache.stats;
    const plain = await server.reports.requestReport(viewerOf(admin), { period: ReportPeriod.TERM });
    expect([stats.hits, stats.misses]).toEqual([0, 1]);
    const byField = await server.reports.requestReport(viewerOf(admin), { period: ReportPeriod.TERM, groupBy: ReportGroupBy.CAREER_FIELD });
    expect([stats.hits, stats.misses]).toEqual([1, 2]);
    expect(json(byField.total)).toBe(json(plain.total));
    expect(json(byField)).toBe(
      json(await fresh.reports.requestReport(viewerOf(admin), { period: ReportPeriod.TERM, groupBy: ReportGroupBy.CAREER_FIELD })),
    );
  });

  it("forgets an institution's reports when another process commits a change to what they read", async () => {
    const { institution, admin, students, alumni } = await scene();
    const other = await scene();
    const server = await serverProcess();
    const args = { period: ReportPeriod.MONTH, groupBy: ReportGroupBy.ALUMNUS };
    const report = () => server.reports.requestReport(viewerOf(admin), args);
    const settled = async (write: () => Promise<unknown>) => {
      const before = server.reports.cache.stats.invalidations;
      await write();
      await eventually(() => server.reports.cache.stats.invalidations > before, 10_000, "the change notification");
    };
    const expectFresh = async () => expect(json(await report())).toBe(json(await fresh.reports.requestReport(viewerOf(admin), args)));
    const first = await report();
    const otherReport = await server.reports.requestReport(viewerOf(other.admin), args);

    // A new request (through the test's own pool: another connection than this process's listener).
    await settled(() =>
      insertRequest(db(), students[0], alumni[1], { state: "REQUESTED", createdAt: new Date(), expiresAt: new Date(Date.now() + DAY) }),
    );
    const second = await report();
    expect(second.total!.current!.requested).toBe(first.total!.current!.requested + 1);
    await expectFresh();
    // The other institution's entry is still there.
    const hitsBefore = server.reports.cache.stats.hits;
    expect(json(await server.reports.requestReport(viewerOf(other.admin), args))).toBe(json(otherReport));
    expect(server.reports.cache.stats.hits).toBe(hitsBefore + 1);

    // A state change of an existing request.
    await settled(() =>
      asInstitution(
        db(),
        institution.id,
        `UPDATE interview_requests SET state = 'DECLINED', answered_at = now() WHERE state = 'REQUESTED'`,
      ),
    );
    expect((await report()).total!.current!.declined).toBeGreaterThan(second.total!.current!.declined);
    await expectFresh();

    // A thank-you recorded, a flag, an outcome removed.
    await settled(() => asInstitution(db(), institution.id, `UPDATE follow_ups SET thank_you_sent_at = completed_at + interval '3 days'`));
    await expectFresh();
    await settled(() => insertFlag(db(), students[0], alumni[0], new Date()));
    await expectFresh();
    await settled(() => asInstitution(db(), institution.id, `DELETE FROM outcomes`));
    await expectFresh();

    // A label: the alum's name (identities carry no institution: every institution's reports are forgotten).
    const renamed = `Renamed ${Date.now()}`;
    // (By identity id: memberships are behind row-level security, which a non-superuser owner is subject to.)
    await settled(() => db().query(`UPDATE identities SET display_name = $1 WHERE id = $2`, [renamed, alumni[0].identityId]));
    expect((await report()).rows.map((r) => r.label)).toContain(renamed);
    await expectFresh();

    // A student's class year, seen in the class-year breakdown.
    const byYear = { period: ReportPeriod.MONTH, groupBy: ReportGroupBy.CLASS_YEAR };
    await server.reports.requestReport(viewerOf(admin), byYear);
    await settled(() => setStudentProfile(db(), students[1], { classYear: 2031 }));
    const years = await server.reports.requestReport(viewerOf(admin), byYear);
    expect(years.rows.map((r) => r.key)).toContain("2031");
    expect(json(years)).toBe(json(await fresh.reports.requestReport(viewerOf(admin), byYear)));
  });

  it("forgets the term trend when the academic calendar changes", async () => {
    const { admin } = await scene();
    const server = await serverProcess();
    const calendar = (fall: string) => [
      { name: "Fall", startsOn: fall },
      { name: "Spring", startsOn: "2027-01-11" },
    ];
    // Setting the first calendar announces a change too: let it arrive before anything is cached.
    const announced = server.reports.cache.stats.invalidations;
    await server.institutions.terms.replace(viewerOf(admin), calendar("2026-08-24"));
    await eventually(() => server.reports.cache.stats.invalidations > announced, 10_000, "the first calendar's notification");
    const args = { period: ReportPeriod.TERM, count: 3, date: new Date("2027-02-01T15:00:00Z") };
    const starts = async () => (await server.reports.requestTrend(viewerOf(admin), args)).map((p) => json(p.periodStart));
    const before = await starts();
    const hits = server.reports.cache.stats.hits;
    expect(await starts()).toEqual(before);
    expect(server.reports.cache.stats.hits).toBe(hits + 1); // cached: the current term's start is the key
    // An earlier term moves; the current one does not, so only the change notification can tell the cache.
    const invalidations = server.reports.cache.stats.invalidations;
    await server.institutions.terms.replace(viewerOf(admin), calendar("2026-08-31"));
    await eventually(() => server.reports.cache.stats.invalidations > invalidations, 10_000, "the change notification");
    const after = await starts();
    expect(after).not.toEqual(before);
    expect(after).toEqual((await fresh.reports.requestTrend(viewerOf(admin), args)).map((p) => json(p.periodStart)));
  });

  it("computes the reports in use again in the background after a change, so the next reader gets a hit", async () => {
    const { admin, students, alumni } = await scene();
    const server = await serverProcess();
    const stats = server.reports.cache.stats;
    const args = { period: ReportPeriod.MONTH, groupBy: ReportGroupBy.ALUMNUS };
    const before = await server.reports.requestReport(viewerOf(admin), args);
    const trendArgs = { period: ReportPeriod.WEEK, count: 4 };
    await server.reports.requestTrend(viewerOf(admin), trendArgs);
    const refreshes = stats.refreshes;
    await insertRequest(db(), students[1], alumni[0], { state: "REQUESTED", createdAt: new Date(), expiresAt: new Date(Date.now() + DAY) });
    // Both entries in use are computed again by the process itself, with nobody asking.
    await eventually(() => stats.refreshes >= refreshes + 2, 10_000, "the background computations");
    const { hits, misses } = stats;
    const after = await server.reports.requestReport(viewerOf(admin), args);
    const trend = await server.reports.requestTrend(viewerOf(admin), trendArgs);
    expect(stats.misses).toBe(misses);
    expect(stats.hits).toBe(hits + 2);
    expect(after.total!.current!.requested).toBe(before.total!.current!.requested + 1);
    expect(json(after)).toBe(json(await fresh.reports.requestReport(viewerOf(admin), args)));
    expect(json(trend)).toBe(json(await fresh.reports.requestTrend(viewerOf(admin), trendArgs)));
  });

  it("a change that does not touch what reports read keeps the entry", async () => {
    const { institution, admin } = await scene();
    const server = await serverProcess();
    const args = { period: ReportPeriod.MONTH, groupBy: ReportGroupBy.NONE };
    await server.reports.requestReport(viewerOf(admin), args);
    const invalidations = server.reports.cache.stats.invalidations;
    await asInstitution(db(), institution.id, `UPDATE interview_requests SET message = message || '!'`);
    // A later notification proves the first would have arrived by then.
    await asInstitution(db(), institution.id, `SELECT pg_notify('infoview_report_changes', 'probe')`);
    await eventually(() => server.reports.cache.stats.invalidations > invalidations, 10_000, "the probe");
    expect(server.reports.cache.stats.invalidations).toBe(invalidations + 1);
    const hits = server.reports.cache.stats.hits;
    await server.reports.requestReport(viewerOf(admin), args);
    expect(server.reports.cache.stats.hits).toBe(hits + 1);
  });

  it("shows its hits, misses, invalidations and size on /metrics", async () => {
    const { admin } = await scene();
    const server = await startTestServer(db());
    const listener = new PgListener(connectionStringOf(db()));
    try {
      await server.services.reports.cache.listen(listener);
      await listener.start();
      for (let k = 0; k < 3; k++) await server.services.reports.requestReport(viewerOf(admin), { period: ReportPeriod.TERM });
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toContain('infoview_report_cache{stat="hits"} 2');
      expect(text).toContain('infoview_report_cache{stat="misses"} 1');
      expect(text).toContain('infoview_report_cache{stat="entries"} 1');
      expect(text).toContain('infoview_report_cache{stat="rows"} 1');
    } finally {
      await listener.close();
      await server.close();
    }
  });

  it("is not used while the LISTEN connection is down", async () => {
    const { admin } = await scene();
    const server = await serverProcess();
    const args = { period: ReportPeriod.TERM, groupBy: ReportGroupBy.NONE };
    await server.reports.requestReport(viewerOf(admin), args);
    await processes[0].listener.close();
    const { hits, misses } = server.reports.cache.stats;
    await server.reports.requestReport(viewerOf(admin), args);
    await server.reports.requestReport(viewerOf(admin), args);
    expect(server.reports.cache.stats).toMatchObject({ hits, misses });
  });
});

/** A stand-in for the LISTEN connection, so the cache's bookkeeping can be driven step by step. */
function fakeListener() {
  const fake = {
    connected: true,
    handler: (_payload: string) => {},
    listen: async (_channel: string, h: (p: string) => void) => void (fake.handler = h),
  };
  return fake;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("ReportCache", () => {
  async function cacheWith(ttlMs = 60_000, now?: () => number) {
    const cache = new ReportCache({ ttlMs, maxEntries: 3, now });
    const listener = fakeListener();
    await cache.listen(listener as never);
    return { cache, listener };
  }

  it("never stores a result computed across a change to its institution", async () => {
    const { cache, listener } = await cacheWith();
    const ticket = cache.ticket("i1");
    const slow = deferred<string>();
    const running = cache.through(ticket, "k", () => slow.promise);
    listener.handler("i1");
    slow.resolve("old");
    expect(await running).toBe("old");
    let computed = 0;
    expect(await cache.through(cache.ticket("i1"), "k", async () => `new ${++computed}`)).toBe("new 1");
    expect(await cache.through(cache.ticket("i1"), "k", async () => `new ${++computed}`)).toBe("new 1");
    expect(computed).toBe(1);
  });

  it("keeps other institutions' entries; '*' forgets all; a reconnect forgets all", async () => {
    const { cache, listener } = await cacheWith();
    await cache.through(cache.ticket("i1"), "k", async () => "a1");
    await cache.through(cache.ticket("i2"), "k", async () => "a2");
    listener.handler("i1");
    expect(await cache.through(cache.ticket("i1"), "k", async () => "b1")).toBe("b1");
    expect(await cache.through(cache.ticket("i2"), "k", async () => "b2")).toBe("a2");
    listener.handler("*");
    expect(await cache.through(cache.ticket("i2"), "k", async () => "c2")).toBe("c2");
    // A computation that began before a reconnect is not stored.
    const ticket = cache.ticket("i2");
    cache.reset();
    await cache.through(ticket, "x", async () => "stale");
    expect(await cache.through(cache.ticket("i2"), "x", async () => "d2")).toBe("d2");
    expect(await cache.through(cache.ticket("i2"), "k", async () => "d2")).toBe("d2");
  });

  it("without a connected listener: no ticket, and nothing stored by a computation that saw the connection drop", async () => {
    const { cache, listener } = await cacheWith();
    const ticket = cache.ticket("i1");
    listener.connected = false;
    expect(cache.ticket("i1")).toBeNull();
    await cache.through(ticket, "k", async () => "while down");
    listener.connected = true;
    expect(await cache.through(cache.ticket("i1"), "k", async () => "after")).toBe("after");
    expect(new ReportCache({ ttlMs: 0 }).ticket("i1")).toBeNull();
  });

  it("bounds the rows held: the oldest entries go first, and an entry heavier than the bound is not kept", async () => {
    const cache = new ReportCache({ ttlMs: 60_000, maxRows: 10 });
    await cache.listen(fakeListener() as never);
    const rows = (n: number) => Array.from({ length: n }, (_, k) => k);
    const length = (value: number[]) => value.length;
    await cache.through(cache.ticket("i1"), "a", async () => rows(5), length);
    expect(cache.rows).toBe(6);
    await cache.through(cache.ticket("i1"), "b", async () => rows(3), length);
    expect([cache.size, cache.rows]).toEqual([2, 10]);
    await cache.through(cache.ticket("i1"), "c", async () => rows(1), length);
    // "a" (6) went first: 4 + 2.
    expect([cache.size, cache.rows]).toEqual([2, 6]);
    expect(await cache.through(cache.ticket("i1"), "a", async () => rows(0), length)).toEqual([]);
    await cache.through(cache.ticket("i1"), "huge", async () => rows(10), length);
    expect(await cache.through(cache.ticket("i1"), "huge", async () => rows(0), length)).toEqual([]);
    cache.changed("i1");
    expect([cache.size, cache.rows]).toEqual([0, 0]);
  });

  describe("refresh-ahead", () => {
    async function refreshing(now?: () => number) {
      const cache = new ReportCache({ ttlMs: 60_000, refreshHotMs: 10_000, refreshDelayMs: 0, now });
      const listener = fakeListener();
      await cache.listen(listener as never);
      let runs = 0;
      const compute = async () => `v${++runs}`;
      return { cache, listener, compute, runs: () => runs };
    }

    it("computes an entry read recently again after a change, before anyone asks, and stores it", async () => {
      const { cache, listener, compute, runs } = await refreshing();
      expect(await cache.through(cache.ticket("i1"), "k", compute)).toBe("v1");
      await cache.through(cache.ticket("i2"), "k", compute);
      listener.handler("i1");
      await eventually(() => cache.stats.refreshes === 1, 5_000, "the background computation");
      expect(runs()).toBe(3);
      const misses = cache.stats.misses;
      expect(await cache.through(cache.ticket("i1"), "k", async () => "not computed")).toBe("v3");
      expect(cache.stats.misses).toBe(misses);
      // The other institution's entry was neither forgotten nor computed again.
      expect(await cache.through(cache.ticket("i2"), "k", async () => "not computed")).toBe("v2");
    });

    it("leaves an entry nobody read within refreshHotMs to its next reader", async () => {
      let clock = 0;
      const { cache, listener, compute, runs } = await refreshing(() => clock);
      await cache.through(cache.ticket("i1"), "k", compute);
      clock = 10_001;
      listener.handler("i1");
      // A later change of another institution, read recently, proves the round has run.
      await cache.through(cache.ticket("i2"), "k", compute);
      listener.handler("i2");
      await eventually(() => cache.stats.refreshes === 1, 5_000, "the round");
      expect(runs()).toBe(3);
      expect(await cache.through(cache.ticket("i1"), "k", compute)).toBe("v4");
    });

    it("a reader who comes while it runs shares it; a result overtaken by a change is computed again, three times at most", async () => {
      const { cache, listener } = await refreshing();
      let runs = 0;
      const gates: Array<ReturnType<typeof deferred<string>>> = [];
      const compute = () => {
        runs += 1;
        const gate = deferred<string>();
        gates.push(gate);
        return gate.promise;
      };
      const first = cache.through(cache.ticket("i1"), "k", compute);
      gates[0].resolve("a");
      expect(await first).toBe("a");
      listener.handler("i1");
      await eventually(() => runs === 2, 5_000, "the background computation");
      // A reader while it runs shares it.
      const reader = cache.through(cache.ticket("i1"), "k", compute);
      gates[1].resolve("b");
      expect(await reader).toBe("b");
      expect(runs).toBe(2);
      // Overtaken by changes while running: not stored, and computed again, up to three times in a row.
      listener.handler("i1");
      for (let k = 2; k < 5; k++) {
        await eventually(() => runs === k + 1, 5_000, `background computation ${k + 1}`);
        listener.handler("i1");
        gates[k].resolve(`stale ${k}`);
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(runs).toBe(5);
      // Then it waits for a reader.
      const next = cache.through(cache.ticket("i1"), "k", compute);
      gates[5].resolve("c");
      expect(await next).toBe("c");
    });

    it("computes the most recently read entries first", async () => {
      let clock = 0;
      const cache = new ReportCache({ ttlMs: 60_000, refreshHotMs: 10_000, refreshDelayMs: 0, now: () => clock });
      const listener = fakeListener();
      await cache.listen(listener as never);
      const order: string[] = [];
      const computeOf = (key: string) => async () => void order.push(key);
      for (const key of ["a", "b", "c"]) {
        clock += 1;
        await cache.through(cache.ticket("i1"), key, computeOf(key));
      }
      // "a" read again last.
      clock += 1;
      await cache.through(cache.ticket("i1"), "a", computeOf("a"));
      order.length = 0;
      listener.handler("i1");
      await eventually(() => cache.stats.refreshes === 3, 5_000, "the round");
      expect(order).toEqual(["a", "c", "b"]);
    });

    it("stops queued computations on close", async () => {
      const cache = new ReportCache({ ttlMs: 60_000, refreshHotMs: 10_000, refreshDelayMs: 20 });
      const listener = fakeListener();
      await cache.listen(listener as never);
      let runs = 0;
      await cache.through(cache.ticket("i1"), "k", async () => ++runs);
      listener.handler("i1");
      cache.close();
      await new Promise((r) => setTimeout(r, 60));
      expect(runs).toBe(1);
    });
  });

  it("shares one computation between concurrent callers, expires entries after the TTL and keeps at most maxEntries", async () => {
    let clock = 0;
    const { cache } = await cacheWith(1000, () => clock);
    let runs = 0;
    const slow = deferred<string>();
    const compute = () => {
      runs += 1;
      return slow.promise;
    };
    const both = Promise.all([cache.through(cache.ticket("i1"), "k", compute), cache.through(cache.ticket("i1"), "k", compute)]);
    slow.resolve("v");
    expect(await both).toEqual(["v", "v"]);
    expect(runs).toBe(1);
    clock = 999;
    expect(await cache.through(cache.ticket("i1"), "k", async () => "w")).toBe("v");
    clock = 1000;
    expect(await cache.through(cache.ticket("i1"), "k", async () => "w")).toBe("w");
    for (const key of ["a", "b", "c"]) await cache.through(cache.ticket("i1"), key, async () => key);
    expect(cache.size).toBe(3);
    expect(await cache.through(cache.ticket("i1"), "k", async () => "evicted")).toBe("evicted");
  });
});
