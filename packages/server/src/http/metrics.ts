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

export interface MetricsSources {
  dataSource: DataSource;
  /** Open WebSocket connections. */
  openSockets: () => number;
  /** Seconds since each background job last finished a pass, or nothing when this process runs no jobs. */
  jobLag?: () => Record<string, number>;
  /** The report cache's counters and size (modules/reports/report-cache.ts). */
  reportCache?: () => Record<"hits" | "misses" | "invalidations" | "entries" | "rows", number>;
}

/**
 * Prometheus metrics for /metrics, one registry per app (tests run several apps in one process).
 * Request rate and latency by operation, errors by code, the database pool, job lag and open sockets.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<"operation" | "status">;
  private readonly duration: Histogram<"operation">;
  private readonly errors: Counter<"code">;
  private sources: MetricsSources | null = null;

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
    new Gauge({
      name: "infoview_job_lag_seconds",
      help: "Seconds since each background job last completed a pass in this process",
      labelNames: ["job"],
      registers,
      collect() {
        this.reset();
        for (const [job, seconds] of Object.entries(sources()?.jobLag?.() ?? {})) this.set({ job }, seconds);
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

  /** Adds or replaces the job lag source (the background work starts after the HTTP server). */
  setJobLag(jobLag: () => Record<string, number>): void {
    if (this.sources) this.sources.jobLag = jobLag;
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
