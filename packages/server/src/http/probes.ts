import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { bearer } from "./context";
import type { Metrics } from "./metrics";

function sameSecret(given: string | null, expected: string): boolean {
  const a = createHash("sha256")
    .update(given ?? "")
    .digest();
  const b = createHash("sha256").update(expected).digest();
  return given !== null && timingSafeEqual(a, b);
}

/** Whether the database answers and every migration has been applied. */
async function isReady(dataSource: DataSource): Promise<boolean> {
  try {
    if (!dataSource.isInitialized) return false;
    await dataSource.query("SELECT 1");
    return !(await dataSource.showMigrations());
  } catch {
    return false;
  }
}

/** /healthz (the process answers), /readyz (database and migrations; 503 while draining), /metrics (Prometheus). */
export function probes(deps: { config: Config; dataSource: DataSource; metrics: Metrics; draining: () => boolean }): express.Router {
  const { config, dataSource, metrics } = deps;
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    if (deps.draining()) return void res.status(503).json({ status: "draining" });
    const ready = await isReady(dataSource);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
  });
  router.get("/metrics", async (req, res) => {
    if (config.metricsToken && !sameSecret(bearer(req.headers.authorization), config.metricsToken)) {
      return void res.status(401).setHeader("www-authenticate", "Bearer").json({ error: "METRICS_TOKEN required" });
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
