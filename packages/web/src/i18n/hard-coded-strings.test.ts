/**
 * @jest-environment node
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { hardCodedStrings } from "./string-scan";

const SRC = path.resolve(__dirname, "..");

/**
 * The folders whose words are all in the catalogs. A folder joins this list when it moves (ADR 0020); the rest of the
 * client still has English in its components, which is the remaining work of issue 15 ("Two languages").
 */
const IN_CATALOGS = [
  "app",
  "ui",
  "features/home",
  "features/auth",
  "features/identity",
  "features/student",
  "features/alumnus",
  "features/advisor",
  "features/admin",
  "features/meetings",
  "features/notifications",
];

/** Names that are the same in every language. */
const NAMES = new Set(["Infoview", "· Infoview"]);

const components = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return components(file);
    return name.endsWith(".tsx") && !name.includes(".test.") ? [file] : [];
  });

describe("words in components come from the catalogs", () => {
  test("the scan finds hard-coded text, labels and announcements, and lets symbols and calls through", () => {
    const found = hardCodedStrings(
      "x.tsx",
      `export function X({ busy, n, title = "Loading…" }) {
        say("Saved.");
        return (
          <div className="card" aria-label="Main menu" data-id="x">
            <p>Welcome back</p>
            <p>{busy ? "Saving…" : t("x.save")}</p>
            <input placeholder={\`Up to \${n}\`} />
            <span>{t("x.ok")} · {n} →</span>
          </div>
        );
      }`,
    );
    expect(found.map((f) => f.text)).toEqual(["Loading…", "Saved.", "Main menu", "Welcome back", "Saving…", "Up to"]);
  });

  test.each(IN_CATALOGS)("src/%s has no hard-coded user-visible English", (folder) => {
    const findings = components(path.join(SRC, folder)).flatMap((file) =>
      hardCodedStrings(file, readFileSync(file, "utf8"))
        .filter((f) => !NAMES.has(f.text))
        .map((f) => `${path.relative(SRC, file)}:${f.line}: ${f.text}`),
    );
    expect(findings).toEqual([]);
  });
});
