import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  gzipBytes: number;
}

const STATIC_IMPORT = /(?:^|[;}\n])\s*import\s*(?:[\w$*{}\s,]+\s*from\s*)?["']\.\/([^"']+\.js)["']/g;

/** A chunk and every chunk it imports statically: what the browser must load before it runs. */
function staticClosure(assetsDir: string, entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(path.join(assetsDir, entry), "utf8");
  for (const match of code.matchAll(STATIC_IMPORT)) staticClosure(assetsDir, match[1], seen);
  return seen;
}

/**
 * The JavaScript and CSS a first visit to a route downloads: what index.html loads, plus the
 * route's lazy chunks (named after their components: a layout and its page) and their static imports.
 */
export function initialPageSize(distDir: string, routeChunks: string[]): BundleSize {
  const assetsDir = path.join(distDir, "assets");
  const html = readFileSync(path.join(distDir, "index.html"), "utf8");
  const fromHtml = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const assets = readdirSync(assetsDir);
  const lazy = routeChunks.map((name) => {
    const chunk = assets.find((f) => f.startsWith(`${name}-`) && f.endsWith(".js"));
    if (!chunk) throw new Error(`no chunk named ${name}-*.js in ${assetsDir}`);
    return chunk;
  });
  const files = new Set<string>(fromHtml.filter((f) => f.endsWith(".css")));
  for (const entry of [...fromHtml.filter((f) => f.endsWith(".js")), ...lazy]) staticClosure(assetsDir, entry, files);
  const sized = [...files].map((file) => {
    const content = readFileSync(path.join(assetsDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return { files: sized.sort((a, b) => b.gzipBytes - a.gzipBytes), gzipBytes: sized.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
