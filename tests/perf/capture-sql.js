/**
 * Preloaded (`node -r`) into a server process started by the benchmark to record the SQL it runs:
 * every statement sent through `pg` is appended to INFOVIEW_CAPTURE_SQL as one JSON line
 * `{ "text": "...", "values": [...] }`. Only the capture server loads this; the server under load never does.
 */
"use strict";
const { appendFileSync } = require("node:fs");
const pg = require("pg");

const file = process.env.INFOVIEW_CAPTURE_SQL;
if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    const text = typeof config === "string" ? config : config && typeof config.text === "string" ? config.text : null;
    if (text !== null) {
      const params = Array.isArray(values) ? values : config && Array.isArray(config.values) ? config.values : [];
      appendFileSync(file, JSON.stringify({ text, values: params }) + "\n");
    }
    return original.call(this, config, values, callback);
  };
}
