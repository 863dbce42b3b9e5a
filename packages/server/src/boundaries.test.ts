import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const BOUNDARY_RULES = ["import-x/no-restricted-paths", "no-restricted-imports", "import-x/no-cycle"];

interface Case {
  file: string;
  code: string;
}

/**
 * Lints with the repository's own eslint.config.js in a separate Node.js process (ESLint loads its config with
 * import(), which jest's module system does not run), keeping only the boundary rules. Each case is a virtual file:
 * its text is linted as if it lived at that path.
 */
async function boundaryProblems(cases: Case[], lintTree: boolean): Promise<{ cases: string[][]; tree: string[] }> {
  const script = `
    const { ESLint } = require("eslint");
    const rules = ${JSON.stringify(BOUNDARY_RULES)};
    const only = (results) => results.flatMap((r) => r.messages.filter((m) => rules.includes(m.ruleId)).map((m) => r.filePath + ": " + m.ruleId + ": " + m.message));
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(REPO_ROOT)} });
      const cases = [];
      for (const c of ${JSON.stringify(cases)}) cases.push(only(await eslint.lintText(c.code, { filePath: c.file })));
      const tree = ${lintTree} ? only(await eslint.lintFiles(["packages/server/src"])) : [];
      process.stdout.write(JSON.stringify({ cases, tree }));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { cases: string[][]; tree: string[] };
}

const server = (file: string) => path.join(REPO_ROOT, "packages/server/src", file);

describe("the server's import boundaries (eslint.config.js)", () => {
  let result: { cases: string[][]; tree: string[] };
  const cases: Array<[string, Case, "refused" | "allowed", string?]> = [
    [
      "db importing a module",
      { file: server("db/x.ts"), code: `import { ConsentKind } from "../modules/consent";\nexport const a = ConsentKind;` },
      "refused",
      "import-x/no-restricted-paths",
    ],
    [
      "a module importing http",
      { file: server("modules/requests/x.ts"), code: `import { createApp } from "../../http/server";\nexport const a = createApp;` },
      "refused",
      "import-x/no-restricted-paths",
    ],
    [
      "a module importing another module's file",
      {
        file: server("modules/requests/x.ts"),
        code: `import { ConsentKind } from "../consent/consent-kind.enum";\nexport const a = ConsentKind;`,
      },
      "refused",
      "import-x/no-restricted-paths",
    ],
    [
      "a module importing only a type from another module's file",
      {
        file: server("modules/reports/x.ts"),
        code: `import type { ConsentService } from "../consent/consent.service";\nexport type A = ConsentService;`,
      },
      "refused",
      "import-x/no-restricted-paths",
    ],
    [
      "a migration importing the code's RLS helpers",
      {
        file: server("db/migrations/1999999999999-Later.ts"),
        code: `import { tenantTableSql } from "../rls";\nexport const a = tenantTableSql("t");`,
      },
      "refused",
      "no-restricted-imports",
    ],
    [
      "a migration importing a package other than typeorm",
      {
        file: server("db/migrations/1999999999999-Later.ts"),
        code: `import { randomUUID } from "node:crypto";\nexport const a = randomUUID;`,
      },
      "refused",
      "no-restricted-imports",
    ],
    [
      "an import cycle",
      {
        // shared/paging.ts is imported by profiles.types.ts; importing it back closes a circle.
        file: server("shared/paging.ts"),
        code: `import { AlumnusProfileConnection } from "../modules/profiles/profiles.types";\nexport class PageInfo {}\nexport const a = AlumnusProfileConnection;`,
      },
      "refused",
      "import-x/no-cycle",
    ],
    [
      "a module importing another module's index, its own files and the shared places",
      {
        file: server("modules/requests/x.ts"),
        code: `import { ConsentKind } from "../consent";\nimport { PageArgs } from "../../shared/paging";\nimport { tenantTransaction } from "../../db/tenant-transaction";\nimport { badInput } from "../../graphql/errors";\nimport { RequestState } from "./request-state";\nexport const a = [ConsentKind, PageArgs, tenantTransaction, badInput, RequestState];`,
      },
      "allowed",
    ],
    [
      "a migration importing typeorm's types and an earlier migration",
      {
        file: server("db/migrations/1999999999999-Later.ts"),
        code: `import type { QueryRunner } from "typeorm";\nimport { TENANT_SOURCES } from "./1795305602400-ReportChanges";\nexport const a = (db: QueryRunner) => db.query(String(TENANT_SOURCES.length));`,
      },
      "allowed",
    ],
    [
      "a test reaching into another module",
      {
        file: server("modules/requests/x.test.ts"),
        code: `import { ConsentKind } from "../consent/consent-kind.enum";\nexport const a = ConsentKind;`,
      },
      "allowed",
    ],
  ];

  beforeAll(async () => {
    result = await boundaryProblems(
      cases.map(([, c]) => c),
      true,
    );
  }, 300_000);

  test.each(cases.map(([name, , expected, rule], index) => [name, expected, rule, index] as const))(
    "%s is %s",
    (_name, expected, rule, index) => {
      if (expected === "refused") {
        expect(result.cases[index]).toHaveLength(1);
        expect(result.cases[index][0]).toContain(`: ${rule}: `);
      } else expect(result.cases[index]).toEqual([]);
    },
  );

  test("packages/server/src as it is keeps every boundary and has no import cycle", () => {
    expect(result.tree).toEqual([]);
  });
});

/** Every relative import in packages/server/src, type-only and lazy ones included, as file → files. */
function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name)) files.push(full);
    }
  };
  walk(root);
  const resolve = (from: string, spec: string) =>
    [".ts", "/index.ts", ""]
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

test("the cycle finder sees a circle of type-only imports", () => {
  const f = (name: string) => path.join(REPO_ROOT, name);
  const graph = new Map([
    [f("a.ts"), [f("b.ts")]],
    [f("b.ts"), [f("c.ts")]],
    [f("c.ts"), [f("a.ts")]],
    [f("d.ts"), [f("a.ts")]],
  ]);
  expect(cycles(graph).map((group) => group.sort())).toEqual([["a.ts", "b.ts", "c.ts"]]);
});

test("packages/server/src has no import cycles, type-only imports included (ESLint's import-x/no-cycle skips those)", () => {
  expect(cycles(importGraph(path.join(REPO_ROOT, "packages/server/src")))).toEqual([]);
});
