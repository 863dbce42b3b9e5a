import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import type { Logger } from "pino";

/** The built web client: hashed assets cached for a year, index.html for every other GET (client-side routes). */
export function staticClient(webDist: string, logger: Logger): express.Router {
  const router = express.Router();
  if (existsSync(path.join(webDist, "index.html"))) {
    // Built assets carry a content hash in their names, so they never change; index.html always may.
    router.use("/assets", express.static(path.join(webDist, "assets"), { immutable: true, maxAge: "365d" }));
    router.use(express.static(webDist, { index: false, maxAge: 0 }));
    router.get(/.*/, (_req, res) => {
      res.setHeader("cache-control", "no-cache");
      res.sendFile(path.join(webDist, "index.html"));
    });
  } else {
    logger.warn({ webDist }, "web client not built; run `npm run build`");
    router.get("/", (_req, res) => {
      res.type("text").send("Infoview API is running. The web client is not built: run `npm run build`.");
    });
  }
  return router;
}
