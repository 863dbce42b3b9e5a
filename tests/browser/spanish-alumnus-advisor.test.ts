import type { Page } from "playwright-core";
import { buildAdvisor, buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { buildContactableAlumnus } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { requestsFromMoreStudents, sendRequestAsStudent } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { hasHorizontalScroll, seriousA11yViolations } from "./pages";

/*
 * The alumni and advising areas in Spanish (ADR 0020), in a browser set to Spanish: an alum accepts a request, and an
 * advisor reads the dashboard. Every page is checked with axe at 1280 px and at 375 px, where it must not scroll sideways.
 */

const ZONE = "America/Mexico_City";
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 375, height: 800 };

/** Axe at both widths, and no sideways scrolling on a phone; the page is left at 1280 px. */
async function expectAccessibleAtBothWidths(page: Page, where: string): Promise<void> {
  const found: Record<string, unknown> = {};
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    const violations = await seriousA11yViolations(page);
    const scrollsSideways = size === NARROW && (await hasHorizontalScroll(page));
    if (violations.length || scrollsSideways) found[`${where} at ${size.width} px`] = { violations, scrollsSideways };
  }
  await page.setViewportSize(WIDE);
  expect(found).toEqual({});
}

/** Signs in on the Spanish sign-in page, by its Spanish labels. */
async function signInInSpanish(page: Page, url: string, member: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByRole("heading", { level: 1, name: "Inicia sesión en Infoview" }).waitFor();
  await page.getByLabel("Correo electrónico", { exact: true }).fill(member.email);
  await page.getByLabel("Contraseña", { exact: true }).fill(member.password);
  await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
  await page.getByText(/^Sesión de /).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
}

describeInBrowser("the alumni and advising areas in Spanish", () => {
  jest.setTimeout(240_000);
  const app = useAppServer();
  const browser = useBrowser();

  async function northfield() {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Universidad de Northfield" });
    const alum = await buildContactableAlumnus(ds, { institution, displayName: "Jordan Reyes" });
    const student = await buildStudent(ds, { institution, displayName: "Maya Okafor" });
    await buildConsent(ds, student, "STUDENT_SHARE_WITH_ALUMNI");
    await buildConsent(ds, student, "STUDENT_SHARE_WITH_ADVISORS");
    const advisor = await buildAdvisor(ds, { institution, displayName: "Sam Orientador" });
    return { institution, alum, student, advisor };
  }

  test("an alum reads a request and accepts a time, every page in Spanish", async () => {
    const { alum, student } = await northfield();
    await sendRequestAsStudent(app.server(), student, alum, { questions: ["¿Cómo elegiste tu primer puesto?"] });
    const page = await browser.newPage({ locale: "es-MX", timezoneId: ZONE, viewport: WIDE });
    await signInInSpanish(page, app.url("/sign-in"), alum);

    await page.goto(app.url("/alumni"));
    await page.getByRole("heading", { level: 1, name: "Tu bandeja de entrada" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Esperan tu respuesta" }).waitFor();
    const item = page.getByRole("list", { name: "Solicitudes que esperan tu respuesta" }).getByRole("listitem").first();
    await item.getByRole("link", { name: "Maya Okafor" }).waitFor();
    // The card's line is one sentence in Spanish: "Videollamada · recibida … · vence …".
    expect(await item.locator(".item-meta").innerText()).toMatch(/ · recibida .+ · vence /);
    // What the student shares with the alum, and their times to accept from the card, in Spanish.
    expect(await item.getByRole("list", { name: "Sobre el estudiante" }).getByRole("listitem").allInnerTexts()).toEqual([
      "Economics",
      "Promoción 2027",
    ]);
    expect(
      await item
        .getByRole("group", { name: /^Acepta uno de sus horarios \(tu hora, / })
        .getByRole("button")
        .count(),
    ).toBe(2);
    await expectAccessibleAtBothWidths(page, "inbox (es)");
    await screenshot(page, "es-alumnus-01-inbox");

    await item.getByRole("link", { name: "Maya Okafor" }).click();
    await page.getByRole("heading", { level: 1, name: "Solicitud de Maya Okafor" }).waitFor();
    await page.getByRole("main").getByText("¿Cómo elegiste tu primer puesto?").waitFor();
    await page.getByRole("heading", { level: 2, name: "Tu respuesta" }).waitFor();
    await expectAccessibleAtBothWidths(page, "request (es)");
    await screenshot(page, "es-alumnus-02-request");

    // Validation in Spanish, then the answer.
    const link = page.getByLabel("Enlace de la videollamada");
    await link.fill("meet.example/abc");
    await link.blur();
    await page.getByText("Usa un enlace que empiece con https://.").waitFor();
    await page
      .getByRole("group", { name: /^Elige un horario \(en tu zona horaria/ })
      .getByRole("radio")
      .first()
      .check();
    await link.fill("https://meet.example/infoview");
    await page.getByRole("button", { name: "Aceptar en este horario" }).click();
    await page.getByRole("heading", { level: 1, name: "Próximas conversaciones" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Aceptaste la solicitud de Maya Okafor. Ya se le avisó." }).waitFor();
    await page.getByRole("list", { name: "Conversaciones agendadas" }).getByRole("link", { name: "Maya Okafor" }).waitFor();
    await expectAccessibleAtBothWidths(page, "upcoming (es)");
    await screenshot(page, "es-alumnus-03-upcoming");
  });

  test("an advisor's dashboard in Spanish: the funnel, the trend and what needs attention", async () => {
    const { institution, alum, student, advisor } = await northfield();
    await sendRequestAsStudent(app.server(), student, alum);
    // Five students behind the funnel, the minimum group an advisor is shown (ADR 0023).
    await requestsFromMoreStudents(app.server(), app.dataSource(), institution, 4);
    const page = await browser.newPage({ locale: "es-MX", timezoneId: ZONE, viewport: WIDE });
    await signInInSpanish(page, app.url("/sign-in"), advisor);

    await page.goto(app.url("/advisor"));
    await page.getByRole("heading", { level: 1, name: "Panel de orientación" }).waitFor();
    for (const name of ["El embudo de este mes", "Tendencia de los últimos seis meses", "Requiere tu atención"])
      await page.getByRole("heading", { level: 2, name }).waitFor();
    await page.waitForFunction(() => !document.querySelector("main .loading"));
    expect(await page.getByText(/No pudimos cargar|todavía no están disponibles/).count()).toBe(0);
    const funnel = page.getByRole("region", { name: "Embudo en forma de tabla" });
    expect(
      await funnel
        .getByRole("row", { name: /^Solicitadas/ })
        .getByRole("cell")
        .first()
        .innerText(),
    ).toBe("5");
    await page.getByRole("heading", { level: 3, name: "Solicitudes que vencen en menos de 48 horas (0)" }).waitFor();
    await page.getByRole("navigation", { name: "Orientación" }).getByRole("link", { name: "Panel" }).waitFor();
    await expectAccessibleAtBothWidths(page, "advisor dashboard (es)");
    await screenshot(page, "es-advisor-01-dashboard");

    // The students table in Spanish: sortable headers, the last activity in words, axe clean at both widths.
    await page.getByRole("navigation", { name: "Orientación" }).getByRole("link", { name: "Estudiantes" }).click();
    const table = page.getByRole("region", { name: "Estudiantes" });
    await table
      .getByRole("row", { name: /Maya Okafor/ })
      .getByRole("cell", { name: "hoy" })
      .waitFor();
    await table.getByRole("columnheader", { name: "Última actividad" }).getByRole("button").click();
    await page.waitForFunction(() => document.querySelector("th[aria-sort='descending']")?.textContent?.startsWith("Última actividad"));
    await expectAccessibleAtBothWidths(page, "advisor students (es)");
    await page.getByRole("navigation", { name: "Orientación" }).getByRole("link", { name: "Informes" }).click();
    await page.getByRole("region", { name: "Tabla del informe de solicitudes" }).waitFor();
    await expectAccessibleAtBothWidths(page, "advisor reports (es)");
    await screenshot(page, "es-advisor-02-reports");
  });
});
