/** graphql-ws's "Unauthorized": the client stops retrying with the same credentials. */
export const CLOSE_UNAUTHORIZED = 4401;

/** What the guard needs of a WebSocket (the `ws` package's satisfies it). */
export interface GuardedSocket {
  readonly readyState: number;
  close(code?: number, reason?: string): void;
  once(event: "close", listener: () => void): unknown;
}

const OPEN = 1;
/** Session checks in flight at once during a sweep. */
const PARALLEL_CHECKS = 8;

/**
 * Subscriptions authenticate once, when the socket connects. This guard re-checks each open socket's
 * session periodically and closes the socket (4401) once the session is signed out, revoked or expired.
 */
export class SocketSessionGuard {
  private readonly sockets = new Map<GuardedSocket, string>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly isSessionActive: (sessionId: string) => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Watches a socket authenticated with the session; forgets it when it closes. */
  track(socket: GuardedSocket, sessionId: string): void {
    this.sockets.set(socket, sessionId);
    socket.once("close", () => this.sockets.delete(socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Starts (or restarts, with another interval) the periodic check. */
  start(intervalMs = this.intervalMs): void {
    this.stop();
    this.timer = setInterval(() => {
      this.sweep().catch(this.onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks every distinct session once; closes the sockets of inactive ones. Returns how many were closed. */
  sweep(): Promise<number> {
    this.sweeping ??= this.check().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async check(): Promise<number> {
    const bySession = new Map<string, GuardedSocket[]>();
    for (const [socket, sessionId] of this.sockets) {
      if (socket.readyState !== OPEN) continue;
      bySession.set(sessionId, [...(bySession.get(sessionId) ?? []), socket]);
    }
    const sessions = [...bySession.keys()];
    let closed = 0;
    for (let i = 0; i < sessions.length; i += PARALLEL_CHECKS) {
      const chunk = sessions.slice(i, i + PARALLEL_CHECKS);
      const active = await Promise.all(
        chunk.map((id) =>
          this.isSessionActive(id).catch((error) => {
            // A database hiccup keeps sockets open: the next sweep decides.
            this.onError(error);
            return true;
          }),
        ),
      );
      chunk.forEach((sessionId, j) => {
        if (active[j]) return;
        for (const socket of bySession.get(sessionId) ?? []) {
          this.sockets.delete(socket);
          socket.close(CLOSE_UNAUTHORIZED, "Session ended");
          closed += 1;
        }
      });
    }
    return closed;
  }
}
