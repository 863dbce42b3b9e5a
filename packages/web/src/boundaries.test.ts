/**
 * @jest-environment node
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const BOUNDARY_RULES = ["import-x/no-restricted-paths", "no-restricted-imports", "no-restricted-syntax"];

interface Case {
  file: string;
  code: string;
}

/**
 * Lints with the repository's own eslint.config.js in a separate Node.js process (ESLint loads its
 * config with import(), which jest's module system does not run), keeping only the boundary rules.
 */
async function boundaryProblems(cases: Case[], lintTree: boolean): Promise<{ cases: string[][]; tree: string[] }> {
  const script = `
    const { ESLint } = require("eslint");
    const rules = ${JSON.stringify(BOUNDARY_RULES)};
    const only = (results) => results.flatMap((r) => r.messages.filter((m) => rules.includes(m.ruleId)).map((m) => r.filePath + ": " + m.message));
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(REPO_ROOT)} });
      const cases = [];
      for (const c of ${JSON.stringify(cases)}) cases.push(only(await eslint.lintText(c.code, { filePath: c.file })));
      const tree = ${lintTree} ? only(await eslint.lintFiles(["packages/web/src"])) : [];
      process.stdout.write(JSON.stringify({ cases, tree }));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { cases: string[][]; tree: string[] };
}

const web = (file: string) => path.join(REPO_ROOT, "packages/web/src", file);

describe("the web client's import boundaries and its one way to show dates (eslint.config.js)", () => {
  let result: { cases: string[][]; tree: string[] };
  const cases: Array<[string, Case, "refused" | "allowed"]> = [
    [
      "a feature importing another feature",
      {
        file: web("features/student/x.ts"),
        code: `import { PeoplePage } from "../admin/components/PeoplePage";\nexport const a = PeoplePage;`,
      },
      "refused",
    ],
    [
      "a feature loading another feature lazily",
      { file: web("features/alumnus/x.ts"), code: `export const a = () => import("../student/routes");` },
      "refused",
    ],
    [
      "a feature importing the app",
      { file: web("features/home/x.ts"), code: `import { App } from "../../app/App";\nexport const a = App;` },
      "refused",
    ],
    [
      "a shared place importing a feature",
      { file: web("lib/x.ts"), code: `import { studentRoutes } from "../features/student/routes";\nexport const a = studentRoutes;` },
      "refused",
    ],
    [
      "the web importing the server by path",
      {
        file: web("features/student/x.ts"),
        code: `import { loadConfig } from "../../../../server/src/config";\nexport const a = loadConfig;`,
      },
      "refused",
    ],
    [
      "the web importing the server by package name",
      { file: web("app/x.ts"), code: `import type { Viewer } from "@infoview/server/src/auth";\nexport type A = Viewer;` },
      "refused",
    ],
    [
      "a feature importing its own files and the shared places",
      {
        file: web("features/student/x.ts"),
        code: `import { StudentLayout } from "./components/StudentLayout";\nimport { useViewer } from "../../lib/auth/viewer";\nimport { Alert } from "../../ui/Alert";\nexport const a = [StudentLayout, useViewer, Alert];`,
      },
      "allowed",
    ],
    [
      "a component showing a date with toLocaleString",
      { file: web("features/admin/x.tsx"), code: `export const a = (iso: string) => new Date(iso).toLocaleString();` },
      "refused",
    ],
    [
      "a component formatting with its own Intl.DateTimeFormat",
      { file: web("ui/x.ts"), code: `export const a = new Intl.DateTimeFormat("en", { dateStyle: "long" });` },
      "refused",
    ],
    [
      "lib/time.ts formatting with Intl (the one place that does)",
      { file: web("lib/time.ts"), code: `export const a = new Intl.NumberFormat("en", { style: "percent" });` },
      "allowed",
    ],
    [
      "the app importing features",
      { file: web("app/x.ts"), code: `import { studentRoutes } from "../features/student/routes";\nexport const a = studentRoutes;` },
      "allowed",
    ],
  ];

  beforeAll(async () => {
    result = await boundaryProblems(
      cases.map(([, c]) => c),
      true,
    );
  }, 180_000);

  test.each(cases.map(([name, , expected], index) => [name, expected, index] as const))("%s is %s", (_name, expected, index) => {
    if (expected === "refused") expect(result.cases[index]).toHaveLength(1);
    else expect(result.cases[index]).toEqual([]);
  });

  test("packages/web/src as it is keeps every boundary", () => {
    expect(result.tree).toEqual([]);
  });
});

/** Every relative import in packages/web/src, type-only and lazy ones included, as file → files. */
function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  walk(root);
  const resolve = (from: string, spec: string) =>
    [".ts", ".tsx", "/index.ts", ""]
      .map((suffix) => path.resolve(path.dirname(from), spec) + suffix)
      .find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return new Map(
    files.map((file) => {
      const specs = [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
      return [file, specs.map((spec) => resolve(file, spec)).filter((f): f is string => Boolean(f))];
    }),
  );
}

/** The import cycles in a graph: each strongly connected group of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (!index.has(dep)) visit(dep);
      if (stack.includes(dep)) low.set(file, Math.min(low.get(file)!, low.get(dep)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      group.push(path.relative(REPO_ROOT, member));
    } while (member !== file);
    if (group.length > 1) found.push(group);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

test("packages/web/src has no import cycles, type-only imports included (ESLint's import-x/no-cycle skips those)", () => {
  expect(cycles(importGraph(path.join(REPO_ROOT, "packages/web/src")))).toEqual([]);
});
