/**
 * @jest-environment node
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const BOUNDARY_RULES = ["import-x/no-restricted-paths", "no-restricted-imports"];

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

describe("the web client's import boundaries (eslint.config.js)", () => {
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
