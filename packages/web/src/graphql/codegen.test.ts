/**
 * @jest-environment node
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const WEB_SRC = "packages/web/src";
const SCHEMA = "packages/server/schema.graphql";

function filesUnder(root: string, dir: string, suffix: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(root, relative, suffix);
    return entry.name.endsWith(suffix) ? [relative] : [];
  });
}

/**
 * Runs `npm run codegen`'s command on a copy of the committed schema and .graphql documents in a
 * temporary folder, so the committed generated files are compared with fresh output, never touched.
 */
describe("the generated GraphQL types", () => {
  let workdir: string;
  let fresh: string[];

  beforeAll(async () => {
    workdir = mkdtempSync(path.join(tmpdir(), "infoview-codegen-"));
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workdir, "node_modules"));
    cpSync(path.join(REPO_ROOT, SCHEMA), path.join(workdir, SCHEMA), { recursive: true });
    for (const document of filesUnder(REPO_ROOT, WEB_SRC, ".graphql")) {
      cpSync(path.join(REPO_ROOT, document), path.join(workdir, document), { recursive: true });
    }
    const cli = path.join(REPO_ROOT, "node_modules", "@graphql-codegen", "cli", "cjs", "bin.js");
    await promisify(execFile)(process.execPath, [cli, "--config", path.join(REPO_ROOT, "packages/web/codegen.ts"), "--silent"], {
      cwd: workdir,
      env: { ...process.env, INFOVIEW_SCHEMA: SCHEMA },
    });
    fresh = filesUnder(workdir, WEB_SRC, ".generated.ts");
  }, 120_000);

  afterAll(() => {
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  test("match what codegen makes from schema.graphql and the .graphql documents (run `npm run codegen` when this fails)", () => {
    expect(fresh.length).toBeGreaterThan(10);
    const stale = fresh.filter((file) => {
      const committed = path.join(REPO_ROOT, file);
      return !existsSync(committed) || readFileSync(committed, "utf8") !== readFileSync(path.join(workdir, file), "utf8");
    });
    expect(stale).toEqual([]);
  });

  test("have a .graphql document behind every generated file (delete the leftovers when this fails)", () => {
    const expected = new Set(fresh);
    expect(filesUnder(REPO_ROOT, WEB_SRC, ".generated.ts").filter((file) => !expected.has(file))).toEqual([]);
  });
});
