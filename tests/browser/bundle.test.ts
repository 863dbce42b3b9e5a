import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureWebBuilt, WEB_DIST_DIR } from "./app-server";
import { initialPageSize } from "./bundle-size";

const BUDGET_BYTES = 250 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe("the web client's first download", () => {
  beforeAll(() => ensureWebBuilt(), 240_000);

  test.each([
    ["the sign-in page", ["SignInPage"]],
    ["the signed-in home page", ["AppLayout", "HomePage"]],
    ["the invitation page", ["AcceptInvitationPage"]],
    ["the student's find alumni page", ["AppLayout", "StudentLayout", "FindAlumniPage"]],
    ["the student's request composer", ["AppLayout", "StudentLayout", "RequestComposerPage"]],
    ["the student's profile and consent page", ["AppLayout", "StudentLayout", "OnboardingPage"]],
    ["the student's conversation page", ["AppLayout", "StudentLayout", "ConversationPage"]],
    ["the alum's inbox", ["AppLayout", "AlumnusLayout", "InboxPage"]],
    // The charts (recharts) arrive after the page, in their own chunk: see the README for its size.
    ["the advisor's dashboard", ["AppLayout", "AdvisorLayout", "DashboardPage"]],
    ["the admin's settings", ["AppLayout", "AdminLayout", "SettingsPage"]],
  ])("%s needs less than 250 KB of gzipped JavaScript and CSS", (_name, chunks) => {
    const size = initialPageSize(WEB_DIST_DIR, chunks);
    const breakdown = size.files.map((f) => `${f.file}: ${kb(f.gzipBytes)}`).join("\n");
    console.info(`${_name}: ${kb(size.gzipBytes)} gzipped`);
    expect({ total: kb(size.gzipBytes), withinBudget: size.gzipBytes < BUDGET_BYTES, breakdown }).toMatchObject({ withinBudget: true });
  });

  test("the pitch builder (Help me write it) is not part of the profile page's first download: it loads when opened", () => {
    // Words only the builder uses: in the build, and in none of the files the profile page loads first.
    const builderWords = "So far, my related experience includes";
    const assets = path.join(WEB_DIST_DIR, "assets");
    const holding = (files: string[]) =>
      files.filter((f) => f.endsWith(".js") && readFileSync(path.join(assets, f), "utf8").includes(builderWords));
    expect(holding(readdirSync(assets))).toHaveLength(1);
    const first = initialPageSize(WEB_DIST_DIR, ["AppLayout", "StudentLayout", "OnboardingPage"]).files.map((f) => f.file);
    expect(first.some((f) => f.startsWith("OnboardingPage-"))).toBe(true);
    expect(holding(first)).toEqual([]);
  });
});
