import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DataSource } from "typeorm";

/** Operation names come from clients: only well-formed ones become labels, and only so many of them. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_LABELS = 200;

interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The pg Pool behind a TypeORM postgres DataSource (undefined before it is initialised). */
function poolOf(dataSource: DataSource): PgPoolLike | undefined {
  return (dataSource.driver as unknown as { master?: PgPoolLike }).master;
}

/** One task's jobs in graphile-worker's queue (jobs/queue-stats.ts): the same figures in every process. */
export interface JobQueueFigures {
  task: string;
  waiting: number;
  scheduled: number;
  running: number;
  failed: number;
  retrying: number;
  lagSeconds: number;
}

const JOB_STATES = ["waiting", "scheduled", "running", "failed"] as const;

export interface MetricsSources {
  dataSource: DataSource;
  /** Open WebSocket connections. */
  openSockets: () => number;
  /** The job queue, read from the database at each scrape. */
  jobQueue?: () => Promise<JobQueueFigures[]>;
  /** The report cache's counters and size (modules/reports/report-cache.ts). */
  reportCache?: () => Record<"hits" | "misses" | "invalidations" | "entries" | "rows", number>;
}

/**
 * Prometheus metrics for /metrics, one registry per app (tests run several apps in one process).
 * Request rate and latency by operation, errors by code, the database pool, the job queue (depth, failures, lag),
 * job outcomes in this process, and open sockets.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<"operation" | "status">;
  private readonly duration: Histogram<"operation">;
  private readonly errors: Counter<"code">;
  private readonly jobOutcomes: Counter<"task" | "outcome">;
  private sources: MetricsSources | null = null;
  /** One read of the queue per scrape, shared by the gauges that show it. */
  private queueRead: { at: number; figures: Promise<JobQueueFigures[]> } | null = null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "infoview_" });
    this.requests = new Counter({
      name: "infoview_graphql_requests_total",
      help: "GraphQL HTTP requests by operation name and HTTP status",
      labelNames: ["operation", "status"],
      registers,
    });
    this.duration = new Histogram({
      name: "infoview_graphql_request_duration_seconds",
      help: "GraphQL HTTP request latency by operation name",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({
      name: "infoview_graphql_errors_total",
      help: "GraphQL errors sent to clients, by extensions.code",
      labelNames: ["code"],
      registers,
    });
    const sources = () => this.sources;
    new Gauge({
      name: "infoview_db_pool_connections",
      help: "Database pool connections by state (total, idle, waiting = requests queued for a connection)",
      labelNames: ["state"],
      registers,
      collect() {
        const pool = sources() && poolOf(sources()!.dataSource);
        if (!pool) return;
        this.set({ state: "total" }, pool.totalCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
      },
    });
    new Gauge({
      name: "infoview_websocket_connections",
      help: "Open GraphQL WebSocket connections",
      registers,
      collect() {
        const found = sources();
        if (found) this.set(found.openSockets());
      },
    });
    this.jobOutcomes = new Counter({
      name: "infoview_job_outcomes_total",
      help: "Job attempts run in this process, by task and outcome (delivered, retrying, failed = given up and kept as failed, done, busy, lease-lost, error)",
      labelNames: ["task", "outcome"],
      registers,
    });
    const queue = () => this.readQueue();
    new Gauge({
      name: "infoview_jobs",
      help: "Jobs in the queue (all processes), by task and state: waiting (due), scheduled (later, or backing off after a failure), running, failed (out of attempts, kept)",
      labelNames: ["task", "state"],
      registers,
      async collect() {
        this.reset();
        for (const figures of await queue()) for (const state of JOB_STATES) this.set({ task: figures.task, state }, figures[state]);
      },
    });
    new Gauge({
      name: "infoview_jobs_retrying",
      help: "Jobs whose last attempt failed and that will be tried again (all processes), by task",
      labelNames: ["task"],
      registers,
      async collect() {
        this.reset();
        for (const figures of await queue()) this.set({ task: figures.task }, figures.retrying);
      },
    });
    new Gauge({
      name: "infoview_job_lag_seconds",
      help: "How long the oldest due job of each task has waited for a worker (all processes; 0 when none is waiting)",
      labelNames: ["job"],
      registers,
      async collect() {
        this.reset();
        for (const figures of await queue()) this.set({ job: figures.task }, figures.lagSeconds);
      },
    });
    new Gauge({
      name: "infoview_report_cache",
      help: "The report cache of this process: hits, misses, invalidations and background computations (refreshes, refreshFailures) since start (counters), entries and rows held",
      labelNames: ["stat"],
      registers,
      collect() {
        for (const [stat, value] of Object.entries(sources()?.reportCache?.() ?? {})) this.set({ stat }, value);
      },
    });
  }

  /** Adds the report cache's figures to the sources already attached. */
  attachReportCache(reportCache: NonNullable<MetricsSources["reportCache"]>): void {
    if (this.sources) this.sources.reportCache = reportCache;
  }

  attach(sources: MetricsSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** Adds or replaces the job queue's source (main.ts, once the database is migrated). */
  attachJobQueue(jobQueue: NonNullable<MetricsSources["jobQueue"]>): void {
    if (this.sources) this.sources.jobQueue = jobQueue;
  }

  countJobOutcome(task: string, outcome: string): void {
    this.jobOutcomes.inc({ task, outcome });
  }

  /** The queue's figures, read once for the gauges of one scrape; none when the database does not answer. */
  private readQueue(): Promise<JobQueueFigures[]> {
    const source = this.sources?.jobQueue;
    if (!source) return Promise.resolve([]);
    if (!this.queueRead || Date.now() - this.queueRead.at > 500) {
      this.queueRead = { at: Date.now(), figures: source().catch(() => []) };
    }
    return this.queueRead.figures;
  }

  operationLabel(name: unknown): string {
    if (typeof name !== "string" || !NAME.test(name)) return name === "batch" ? "batch" : "anonymous";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return "other";
    this.operations.add(name);
    return name;
  }

  observeRequest(operation: unknown, status: number, seconds: number): void {
    const label = this.operationLabel(operation);
    this.requests.inc({ operation: label, status: String(status) });
    this.duration.observe({ operation: label }, seconds);
  }

  countErrors(codes: string[]): void {
    for (const code of codes) this.errors.inc({ code: /^[A-Z_]{1,64}$/.test(code) ? code : "OTHER" });
  }
}
