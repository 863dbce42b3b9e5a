import { Client, type Notification } from "pg";
import type { DataSource } from "typeorm";

type Handler = (payload: string) => void;

export interface PgListenerOptions {
  /** Called after a reconnect: notifications sent while disconnected are lost, so callers catch up. */
  onReconnect?: () => void;
  onError?: (error: unknown) => void;
  /** First delay before reconnecting; doubles up to 30 s. */
  retryMs?: number;
}

/** The URL the data source connects with, for the dedicated LISTEN connection. */
export function connectionStringOf(dataSource: DataSource): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error("The data source has no connection URL to LISTEN with");
  return url;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a few channels (a pooled connection cannot: it is
 * handed to someone else between queries). Reconnects with backoff when the connection drops.
 */
export class PgListener {
  private client: Client | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private closed = false;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly connectionString: string,
    private readonly options: PgListenerOptions = {},
  ) {}

  /** Registers a handler and LISTENs on the channel (at once if connected, else on connect). */
  async listen(channel: string, handler: Handler): Promise<void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (this.client) await this.client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    set.add(handler);
  }

  /** Connects once; a failed first connection is reported and retried in the background. */
  async start(): Promise<void> {
    this.closed = false;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    await this.connecting;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: "infoview-listener",
    });
    client.on("notification", (message: Notification) => this.dispatch(message));
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      this.options.onError?.(error);
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    const reconnected = this.failures > 0;
    this.failures = 0;
    this.client = client;
    if (reconnected) this.options.onReconnect?.();
  }

  private dispatch(message: Notification): void {
    for (const handler of this.handlers.get(message.channel) ?? []) {
      try {
        handler(message.payload ?? "");
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    if (error) this.options.onError?.(error);
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.failures += 1;
    const delay = Math.min((this.options.retryMs ?? 500) * 2 ** (this.failures - 1), 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.start();
    }, delay);
    this.retryTimer.unref();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
