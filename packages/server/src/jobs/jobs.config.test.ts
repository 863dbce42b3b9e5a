import { ConfigError } from "../config";
import { loadJobsConfig, retiredJobSettings } from "./jobs.config";

describe("the jobs' configuration", () => {
  it("runs graphile-worker by default, four jobs at a time, with the outbox's lease and attempts", () => {
    expect(loadJobsConfig({})).toMatchObject({
      workers: true,
      concurrency: 4,
      outbox: { leaseMs: 120_000, maxAttempts: 9 },
      webhooks: { maxAttempts: 9, timeoutMs: 10_000, leaseMs: 60_000, allowPrivateNetworks: false },
    });
    expect(loadJobsConfig({ WORKERS: "off", JOBS_CONCURRENCY: "12" })).toMatchObject({ workers: false, concurrency: 12 });
  });

  it("gives a webhook attempt a lease of at least twice its timeout: slow is not dead", () => {
    expect(loadJobsConfig({ WEBHOOK_TIMEOUT_SECONDS: "45" }).webhooks.leaseMs).toBe(90_000);
  });

  it("stops on a bad value and names it", () => {
    expect(() => loadJobsConfig({ JOBS_CONCURRENCY: "0" })).toThrow(ConfigError);
    expect(() => loadJobsConfig({ OUTBOX_MAX_ATTEMPTS: "30" })).toThrow(/OUTBOX_MAX_ATTEMPTS must be between 1 and 20/);
  });

  it("names the retired settings still set, which change nothing now", () => {
    expect(retiredJobSettings({ OUTBOX_POLL_SECONDS: "1", SCHEDULER_INTERVAL_SECONDS: "", OUTBOX_LEASE_SECONDS: "60" })).toEqual([
      "OUTBOX_POLL_SECONDS",
    ]);
  });
});
