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
});
