import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { buildAdmin, buildInstitution } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { a11yFindings } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { hasHorizontalScroll, signInThroughPage } from "./pages";

describeInBrowser("the admin's integrations: API keys, webhooks and CSV import", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function signedInAdmin() {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    return { institution, admin, page };
  }

  test("an admin creates an API key, sees its secret once and the key listed, then rotates and revokes it", async () => {
    const { page } = await signedInAdmin();
    await page.goto(app.url("/admin/integrations"));
    await page.getByText("No API keys yet", { exact: true }).waitFor();

    const form = page.getByRole("form", { name: "Create an API key" });
    await form.getByRole("button", { name: "Create key" }).click();
    await form.getByText("Say what the key is for.").waitFor();
    await form.getByText("Give the key at least one permission.").waitFor();
    await form.getByLabel("What it's for").fill("SIS nightly sync");
    await form.getByText("Read the roster of students and alumni").click();
    await form.getByText("Create and update students and alumni").click();
    await form.getByRole("button", { name: "Create key" }).click();

    const secret = page.getByLabel("Secret", { exact: true });
    await secret.waitFor();
    const value = (await secret.textContent()) ?? "";
    expect(value.length).toBeGreaterThan(20);
    await page.getByRole("button", { name: "Copy the secret" }).waitFor();
    const table = page.getByRole("region", { name: "API keys" });
    const row = table.getByRole("row").filter({ hasText: "SIS nightly sync" });
    await row.getByText("Read the roster of students and alumni, Create and update students and alumni").waitFor();
    await row.getByRole("cell", { name: "Never" }).waitFor();
    await row.getByRole("cell", { name: "Active" }).waitFor();
    await screenshot(page, "admin-integrations-01-key-created");

    await page.getByRole("button", { name: "Rotate “SIS nightly sync”" }).click();
    await page.getByRole("status").filter({ hasText: "“SIS nightly sync” has a new secret" }).waitFor();
    expect(await page.getByLabel("Secret", { exact: true }).textContent()).not.toBe(value);

    await page.getByRole("button", { name: "Revoke “SIS nightly sync”" }).click();
    await page.getByRole("button", { name: "Keep “SIS nightly sync”" }).click();
    await row.getByRole("cell", { name: "Active" }).waitFor();
    await page.getByRole("button", { name: "Revoke “SIS nightly sync”" }).click();
    await page.getByRole("button", { name: "Yes, revoke “SIS nightly sync”" }).click();
    await row.getByRole("cell", { name: /^Revoked / }).waitFor();

    // The secret is never shown again once the page is left.
    await page.reload();
    await table.getByRole("row").filter({ hasText: "SIS nightly sync" }).waitFor();
    expect(await page.getByLabel("Secret", { exact: true }).count()).toBe(0);
  }, 120_000);

  test("an admin registers a webhook: the URL is checked as it is typed, the signing secret shown once, the endpoint listed", async () => {
    const { page, institution } = await signedInAdmin();
    await page.goto(app.url("/admin/integrations"));
    await page.getByText("No webhooks yet", { exact: true }).waitFor();

    const form = page.getByRole("form", { name: "Register a webhook" });
    const url = form.getByLabel("URL", { exact: true });
    await url.fill("not a url");
    await url.blur();
    await form.getByText("Enter a full URL, starting with https://.").waitFor();
    await url.fill("ftp://sis.example.edu/hook");
    await form.getByText("Use an https:// URL.").waitFor();
    await url.fill("http://127.0.0.1:9/infoview-hook");
    expect(await form.getByText("Use an https:// URL.").count()).toBe(0);
    await form.getByRole("button", { name: "Register webhook" }).click();
    await form.getByText("Choose at least one event.").waitFor();
    await form.getByText("A student sends a request").click();
    await form.getByText("An alum accepts a request").click();
    await form.getByRole("button", { name: "Register webhook" }).click();

    await page.getByLabel("Signing secret", { exact: true }).waitFor();
    const endpoints = page.getByRole("list", { name: "Webhook endpoints" });
    const item = endpoints.getByRole("listitem").filter({ hasText: "http://127.0.0.1:9/infoview-hook" });
    await item.getByText("Active · A student sends a request, An alum accepts a request").waitFor();
    await item.getByText("No deliveries yet.").waitFor();
    await screenshot(page, "admin-integrations-02-webhook");

    // A delivery that failed (as the sender records it), then replayed from the page.
    await tenantTransaction(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(
        `INSERT INTO webhook_deliveries (institution_id, endpoint_id, event_id, event, payload, state, attempts, last_attempt_at, last_status, created_at)
         SELECT institution_id, id, 'evt-1', 'request.created', '{"type":"request.created"}', 'FAILED', 8, now(), 503, now() - interval '1 hour'
         FROM webhook_endpoints`,
      ),
    );
    await page.reload();
    const deliveries = page.getByRole("region", { name: "Recent deliveries to http://127.0.0.1:9/infoview-hook" });
    const failed = deliveries.getByRole("row").filter({ hasText: "Failed" });
    await failed.getByRole("cell", { name: "8", exact: true }).waitFor();
    await failed.getByRole("cell", { name: "503", exact: true }).waitFor();
    await failed.getByRole("button", { name: "Send “A student sends a request” again" }).click();
    await page.getByRole("status").filter({ hasText: "The “A student sends a request” event is sent again." }).waitFor();
    // The replay is a new delivery beside the failed one (header row + two).
    await deliveries.getByRole("row").nth(2).waitFor();
    expect(await deliveries.getByRole("row").count()).toBe(3);
    await screenshot(page, "admin-integrations-02b-replayed");

    await page.getByRole("button", { name: "Pause http://127.0.0.1:9/infoview-hook" }).click();
    await item.getByText(/^Paused · /).waitFor();

    await page.getByRole("button", { name: "Remove http://127.0.0.1:9/infoview-hook" }).click();
    await page.getByRole("button", { name: "Yes, remove http://127.0.0.1:9/infoview-hook and its delivery log" }).click();
    await page.getByText("No webhooks yet", { exact: true }).waitFor();
  }, 120_000);

  test("an admin imports a CSV of students: progress reaches 100% and the bad row is reported by line", async () => {
    const { page } = await signedInAdmin();
    await page.goto(app.url("/admin/import"));
    await page.getByRole("heading", { level: 1, name: "Import students and alumni" }).waitFor();
    await page.getByLabel("Sample CSV").getByText("externalId,email,displayName,classYear,major").waitFor();

    const form = page.getByRole("form", { name: "Import people" });
    const contents = form.getByLabel("CSV contents");
    await contents.fill("id,email,nickname\nS-1,a@example.edu,A");
    await contents.blur();
    await form.getByText(/Unknown: “nickname”/).waitFor();

    const csv = [
      "externalId,email,displayName,classYear,major",
      "S-1,ana.student@northfield.example,Ana Student,2027,History",
      "S-2,ben.student@northfield.example,Ben Student,2026,Biology",
      "S-3,cy.student@northfield.example,Cy Student,2028,",
      "S-4,not-an-email,Dee Student,2027,Art",
    ].join("\n");
    await form.locator('input[type="file"]').setInputFiles({ name: "students.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await form.getByText("Chosen: students.csv").waitFor();
    expect(await form.getByText(/Unknown:/).count()).toBe(0);
    // The bar follows importProgress over the socket, not just the upload's answer.
    const progressFrames: string[] = [];
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        if (typeof payload === "string" && payload.includes('"importProgress"')) progressFrames.push(payload);
      }),
    );
    await form.getByRole("button", { name: "Import students" }).click();

    const bar = page.getByRole("progressbar", { name: "Import progress" });
    await bar.and(page.locator('[aria-valuenow="100"]')).waitFor();
    await page.getByText("4 of 4 rows · 3 added · 0 updated · 0 unchanged · 1 to fix").waitFor();
    await page.getByRole("status").filter({ hasText: "Import finished: 3 added, 0 updated, 0 unchanged, 1 row to fix." }).waitFor();
    const report = page.getByRole("region", { name: "Rows to fix" });
    const bad = report.getByRole("row").filter({ hasText: "S-4" });
    await bad.getByRole("rowheader", { name: "5" }).waitFor();
    await bad.getByRole("cell", { name: "email", exact: true }).waitFor();
    await bad.getByRole("cell", { name: "This is not a valid email address." }).waitFor();
    expect(await report.getByRole("row").count()).toBe(2);
    const events = progressFrames.map(
      (f) => (JSON.parse(f) as { payload: { data: { importProgress: { processed: number; done: boolean } } } }).payload.data.importProgress,
    );
    expect(events.at(-1)).toMatchObject({ processed: 4, done: true });
    await screenshot(page, "admin-integrations-03-import");

    const rows: Array<{ email: string }> = await app
      .dataSource()
      .query(`SELECT email FROM identities WHERE email LIKE '%.student@northfield.example' ORDER BY email`);
    expect(rows.map((r) => r.email)).toEqual([
      "ana.student@northfield.example",
      "ben.student@northfield.example",
      "cy.student@northfield.example",
    ]);
  }, 120_000);

  test("the integrations and import pages pass axe and fit 320 px", async () => {
    const { page } = await signedInAdmin();
    expect(await a11yFindings(page, app.url(), ["/admin/integrations", "/admin/import"])).toEqual({});
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/admin/integrations", "/admin/import"]) {
      await page.goto(app.url(path));
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
    }
    await screenshot(page, "admin-integrations-320-import");
  }, 120_000);
});
