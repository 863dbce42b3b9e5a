/**
 * What `npm run bench` measures. Each scenario is one GraphQL operation sent by many signed-in people at once;
 * `check` rejects any response that is not a real answer (an error answered fast is not a result).
 */
"use strict";

const MATCHES = `query BenchMatches {
  alumniMatches(first: 10) {
    edges { cursor node { score suggested openSlotsNext14Days reasons { kind text } alumnus { membershipId displayName employer title } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const DIRECTORY_SEARCH = `query BenchDirectory($search: String) {
  alumniDirectory(first: 20, search: $search) {
    edges { cursor node { membershipId displayName employer title fields topics } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const METRICS = `requested accepted declined expired completed noShows thanked acceptanceRate medianHoursToAnswer
  completionRate noShowRate thankYouRate medianDaysToThankYou ruleOneFlags outcomes`;

// As the advisors' Reports page asks: the 100 largest groups (a breakdown by alum has one per alum asked).
const REPORT = `query BenchReport($period: ReportPeriod!, $groupBy: ReportGroupBy!, $date: DateTimeISO, $first: Int) {
  requestReport(period: $period, groupBy: $groupBy, date: $date, first: $first) {
    periodStart periodEnd previousStart previousEnd suppressedGroups minimumGroupSize
    total { label current { ${METRICS} } previous { ${METRICS} } }
    rows { key label current { ${METRICS} } previous { ${METRICS} } }
  }
}`;

const TREND = `query BenchTrend { requestTrend(period: WEEK, count: 26) { periodStart requested accepted completed thanked } }`;

const NEEDS_ACTION = `query BenchNeedsAction {
  needsAction(inactiveDays: 21, expiringWithinHours: 48) {
    inactiveStudents { __typename } overdueThankYous { __typename } overloadedAlumni { __typename }
    unresponsiveAlumni { __typename } expiringRequests { __typename }
  }
}`;

function fail(message) {
  throw new Error(message);
}

function data(body, field) {
  if (body.errors?.length) fail(`errors: ${body.errors.map((e) => e.extensions?.code ?? e.message).join(", ")}`);
  const value = body.data?.[field];
  if (value === undefined || value === null) fail(`no data.${field}`);
  return value;
}

/** A server with the report cache off: every report is computed. */
const NO_CACHE = { REPORT_CACHE_SECONDS: "0" };

/** The report's date: a day inside the seeded two years, so the period holds real requests. */
const REPORT_DATE = () => new Date(Date.now() - 30 * 86_400_000).toISOString();

/**
 * `who`: the people playing it — the same students asking again and again, students on their first visit (each asks
 * once: `visits` of them), the flagship's admin, or nobody signed in ("anonymous"). Without `visits`, a scenario runs for --duration seconds.
 * `viewEverySeconds` sends one request at that interval, each on its own, instead of clients that ask again as soon as
 * answered (people who open a page now and then); `seconds` replaces --duration; `changeEverySeconds` commits a change
 * that reports read (a Rule #1 flag in the flagship, removed at the end) at that interval during the warm-up and the
 * measured run.
 * `server: "reference"` sends it to tests/perf/reference-server.js instead; `setup(ask)` runs once before it (ask: one
 * request as its first player); `target`: `{ p95 }` ms, `{ cpuMs }` server CPU per request, or `{ ofReference }` req/s as
 * a ratio of the reference row.
 * @type {Array<{ name: string, who: "students" | "new-students" | "admin" | "anonymous", server?: "reference", connections: number, visits?: number, viewEverySeconds?: number, seconds?: number, changeEverySeconds?: number, target?: { p95?: number, cpuMs?: number, ofReference?: number }, setup?: (ask: (body: object) => Promise<any>) => Promise<void>, serverEnv?: Record<string, string>, body: (i: number) => object, check: (body: any) => void }>}
 */
/** The reference row's name: Infoview's rows are also reported as a ratio of its req/s ("× ref"). */
const REFERENCE = "reference: Apollo + type-graphql, a transaction with SELECT 1";

const DIRECTORY_PAGE = `query BenchDirectoryPage {
  alumniDirectory(first: 20) {
    edges { cursor node { membershipId displayName employer title fields topics } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PROFILE = `query BenchProfile($id: ID!) {
  alumnusProfile(membershipId: $id) {
    membershipId displayName classYear employer title industry location major bio fields topics modalities monthlyCapacity
  }
}`;

/** Listed alumni of the flagship, found once (setup) for the profile scenario. */
const profileIds = [];

const scenarios = [
  // The reference (issue 16, target 1): tests/perf/reference-server.js, the least this stack can do per signed-in request.
  {
    name: REFERENCE,
    who: "anonymous",
    server: "reference",
    connections: 50,
    body: () => ({ query: "{ __typename }" }),
    check(body) {
      if (data(body, "__typename") !== "Query") fail("not the Query type");
    },
  },
  // The floor: what the stack itself costs on this machine, with no resolver work at all. No scenario that does real
  // work can beat these at the same concurrency, so they say which targets are reachable here at all.
  ...[
    ["anonymous", "anonymous"],
    ["signed in", "students"],
  ].map(([label, who]) => ({
    name: `floor: { __typename }, ${label}`,
    who,
    connections: 50,
    target: who === "students" ? { ofReference: 0.8 } : undefined,
    body: () => ({ query: "{ __typename }" }),
    check(body) {
      if (data(body, "__typename") !== "Query") fail("not the Query type");
    },
  })),
  // Light reads (issue 16, target 2): server CPU per request, at 10 connections.
  {
    name: "light read: alumniDirectory(first: 20)",
    who: "students",
    connections: 10,
    target: { cpuMs: 1.2 },
    body: () => ({ query: DIRECTORY_PAGE }),
    check(body) {
      if (data(body, "alumniDirectory").edges.length !== 20) fail("expected a page of 20 alumni");
    },
  },
  {
    name: "light read: alumnusProfile",
    who: "students",
    connections: 10,
    target: { cpuMs: 0.7 },
    async setup(ask) {
      if (profileIds.length) return;
      const page = data(await ask({ query: DIRECTORY_PAGE }), "alumniDirectory");
      profileIds.push(...page.edges.map((e) => e.node.membershipId));
      if (profileIds.length === 0) fail("no listed alumni to read");
    },
    body: (i) => ({ query: PROFILE, variables: { id: profileIds[i % profileIds.length] } }),
    check(body) {
      if (!data(body, "alumnusProfile").membershipId) fail("no profile");
    },
  },
  {
    name: "alumniMatches(first: 10)",
    who: "students",
    connections: 50,
    target: { p95: 50 },
    body: () => ({ query: MATCHES }),
    check(body) {
      const page = data(body, "alumniMatches");
      if (page.edges.length !== 10) fail(`expected 10 matches, got ${page.edges.length}`);
      if (!page.edges.every((e) => e.node.reasons.length > 0)) fail("a match came without reasons");
    },
  },
  {
    name: "alumniMatches(first: 10), first visit",
    who: "new-students",
    connections: 10,
    visits: 200,
    body: () => ({ query: MATCHES }),
    check(body) {
      const page = data(body, "alumniMatches");
      if (page.edges.length !== 10) fail(`expected 10 matches, got ${page.edges.length}`);
      if (!page.edges.every((e) => e.node.reasons.length > 0)) fail("a match came without reasons");
    },
  },
  {
    name: "alumniDirectory(search)",
    who: "students",
    connections: 50,
    body: (i) => ({ query: DIRECTORY_SEARCH, variables: { search: ["data", "engineer", "manager", "analyst", "health"][i % 5] } }),
    check(body) {
      const page = data(body, "alumniDirectory");
      if (page.edges.length === 0) fail("search found nobody");
    },
  },
  // Each report twice: as served (repeated reports come from the exact report cache, docs/reports.md, Performance), and
  // computed every time, on a server with the cache off (REPORT_CACHE_SECONDS=0): what a miss costs.
  ...[
    ["TERM", "NONE"],
    ["TERM", "CAREER_FIELD"],
    ["MONTH", "CLASS_YEAR"],
    ["TERM", "ALUMNUS"],
  ].flatMap(([period, groupBy]) =>
    [false, true].map((computed) => ({
      name: `requestReport(${period}, ${groupBy})${computed ? ", computed (no cache)" : ""}`,
      who: "admin",
      connections: 5,
      target: computed ? undefined : { p95: 200 },
      serverEnv: computed ? NO_CACHE : undefined,
      body: () => ({ query: REPORT, variables: { period, groupBy, date: REPORT_DATE(), first: 100 } }),
      check(body) {
        const report = data(body, "requestReport");
        if (!(report.total.current.requested > 0)) fail("the report counted no requests");
        if (groupBy !== "NONE" && report.rows.length === 0) fail("the breakdown has no rows");
      },
    })),
  ),
  // Reports while the institution keeps changing. A change that reports read is committed every 10 s (about the
  // flagship's own rate in working hours: ~550 requests a day, each changed several times, docs/reports.md, Hit rate).
  // Advisors open the report now and then: a view every 3 s, each on its own. Served as it runs (refresh-ahead computes
  // the report again in the background after each change) and, for comparison, with refresh-ahead off, where the first
  // view after each change computes it.
  ...[false, true].map((off) => ({
    name: `requestReport(TERM, NONE), a change every 10 s, a view every 3 s${off ? ", no refresh-ahead" : ""}`,
    who: "admin",
    connections: 5,
    viewEverySeconds: 3,
    seconds: 180,
    changeEverySeconds: 10,
    // The same target on both, so that both print how many views took longer.
    target: { p95: 200 },
    serverEnv: off ? { REPORT_REFRESH_MINUTES: "0" } : undefined,
    body: () => ({ query: REPORT, variables: { period: "TERM", groupBy: "NONE", date: REPORT_DATE(), first: 100 } }),
    check(body) {
      if (!(data(body, "requestReport").total.current.requested > 0)) fail("the report counted no requests");
    },
  })),
  ...[false, true].map((computed) => ({
    name: `requestTrend(WEEK, 26)${computed ? ", computed (no cache)" : ""}`,
    who: "admin",
    connections: 5,
    target: computed ? undefined : { p95: 200 },
    serverEnv: computed ? NO_CACHE : undefined,
    body: () => ({ query: TREND }),
    check(body) {
      const trend = data(body, "requestTrend");
      if (trend.length !== 26) fail(`expected 26 weeks, got ${trend.length}`);
    },
  })),
  {
    name: "needsAction",
    who: "admin",
    connections: 5,
    target: { p95: 200 },
    body: () => ({ query: NEEDS_ACTION }),
    check(body) {
      data(body, "needsAction");
    },
  },
];

module.exports = scenarios;
module.exports.REFERENCE = REFERENCE;
