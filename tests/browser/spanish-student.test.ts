import type { Page } from "playwright-core";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations } from "./pages";
import { DEMO_STUDENT, useDemoAppServer } from "./student-pages";

/*
 * The web client in Spanish (ADR 0020): chosen from the browser's language before sign-in, switched in the header's
 * language menu, saved on the person, and so in force at the next sign-in on another device whatever its browser says.
 * Every page visited is checked with axe.
 */

const ZONE = "America/Mexico_City";

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect({ where, violations: await seriousA11yViolations(page) }).toEqual({ where, violations: [] });
}

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

async function signIn(page: Page, labels: { email: string; password: string; button: string; welcome: RegExp }): Promise<void> {
  await page.getByLabel(labels.email, { exact: true }).fill(DEMO_STUDENT.email);
  await page.getByLabel(labels.password, { exact: true }).fill(DEMO_STUDENT.password);
  await page.getByRole("button", { name: labels.button, exact: true }).click();
  await page.getByText(labels.welcome).waitFor();
}

const SPANISH = { email: "Correo electrónico", password: "Contraseña", button: "Iniciar sesión", welcome: /^Sesión de Ava/ };
const ENGLISH = { email: "Email", password: "Password", button: "Sign in", welcome: /^Signed in as Ava/ };

describeInBrowser("the web client in Spanish", () => {
  jest.setTimeout(240_000);
  const app = useDemoAppServer("spanish_student");
  const browser = useBrowser();

  test("a browser set to Spanish gets the sign-in page in Spanish, an English one in English", async () => {
    const spanish = await browser.newPage({ locale: "es-MX", timezoneId: ZONE });
    await spanish.goto(app.url("/sign-in"));
    await spanish.getByRole("heading", { level: 1, name: "Inicia sesión en Infoview" }).waitFor();
    expect(await lang(spanish)).toBe("es");
    await expectAccessible(spanish, "sign-in (es)");
    await screenshot(spanish, "es-01-sign-in");
    // Signed in, the pages stay in the browser's language while the person has chosen none.
    await signIn(spanish, SPANISH);
    expect(await spanish.getByLabel("Idioma", { exact: true }).inputValue()).toBe("es");

    const english = await browser.newPage({ locale: "en-US", timezoneId: ZONE });
    await english.goto(app.url("/sign-in"));
    await english.getByRole("heading", { level: 1, name: "Sign in to Infoview" }).waitFor();
    expect(await lang(english)).toBe("en");
  });

  test("a student switches to Spanish in the header; the choice follows them to another device, where they write to an alum in Spanish", async () => {
    // Device 1, an English browser: switch the language in the header.
    const first = await browser.newPage({ locale: "en-US", timezoneId: ZONE });
    await first.goto(app.url("/sign-in"));
    await signIn(first, ENGLISH);
    const saved = first.waitForResponse(
      (r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes("UpdateMyPreferences"),
    );
    await first.getByLabel("Language", { exact: true }).selectOption("es");
    await first.getByText(/^Sesión de Ava/).waitFor();
    expect((await (await saved).json()).data.updateMyPreferences.identity.locale).toBe("es");
    expect(await first.getByLabel("Idioma", { exact: true }).inputValue()).toBe("es");

    // Device 2, also an English browser: the sign-in page is in English, the signed-in pages follow the saved choice.
    const page = await browser.newPage({ locale: "en-US", timezoneId: ZONE });
    await page.goto(app.url("/sign-in"));
    await signIn(page, { ...ENGLISH, welcome: /^(Sesión de|Signed in as) Ava/ });
    await page.getByText(/^Sesión de Ava/).waitFor();
    expect(await lang(page)).toBe("es");
    await expectAccessible(page, "student overview (es)");
    await screenshot(page, "es-02-home");

    // The student area, in Spanish.
    await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Estudiante", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Tus conversaciones, Ava/ }).waitFor();
    await expectAccessible(page, "student overview (es)");

    const area = page.getByRole("navigation", { name: "Estudiante" });
    await area.getByRole("link", { name: "Buscar egresados", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Buscar egresados" }).waitFor();
    // The alumni Ava already wrote to are not left out silently: the line says so, in Spanish plural rules.
    await page
      .getByText(/^No se muestra 1 egresado al que ya escribiste$|^No se muestran \d+ egresados a los que ya escribiste$/)
      .waitFor();
    await page.getByRole("button", { name: /^Mostrarlos?$/ }).waitFor();
    await page.getByRole("searchbox", { name: "Buscar" }).fill("Lumen");
    const results = page.getByRole("list", { name: "Egresados encontrados" });
    await results.getByRole("link", { name: "Samuel Lindqvist" }).waitFor();
    expect(
      await page
        .getByRole("status")
        .filter({ hasText: /egresad[oa]s? encontrad/ })
        .innerText(),
    ).toMatch(/^\d+\+? egresad/);
    await expectAccessible(page, "find alumni (es)");
    await screenshot(page, "es-03-find-alumni");

    await results.getByRole("link", { name: "Samuel Lindqvist" }).click();
    await page.getByRole("heading", { level: 1, name: "Samuel Lindqvist" }).waitFor();
    await expectAccessible(page, "alum page (es)");
    await page.getByRole("link", { name: "Escribir una solicitud a Samuel Lindqvist" }).click();
    await page.getByRole("heading", { level: 1, name: "Escríbele a Samuel Lindqvist" }).waitFor();
    const message = page.getByRole("textbox", { name: "Mensaje" });
    await message.waitFor();
    await message.fill(
      `${await message.inputValue()}\n\nMe gustaría saber cómo llegaste a la investigación de experiencia de usuario y qué te hubiera gustado saber antes.`,
    );
    await page.getByText("Tu mensaje pide información y consejos. ¡Bien!").waitFor();

    // A time: one of the alum's open slots, or one typed in.
    // The week grid of the alum's open times (loaded lazily after the composer), or fields to type times in.
    const grid = page.getByRole("grid", { name: /^Elige hasta 3 horarios/ });
    const manual = page.getByLabel("Horario 1", { exact: true });
    await grid.or(manual).first().waitFor();
    if (await grid.isVisible()) {
      const cell = grid.locator('[role="gridcell"]:not([aria-disabled="true"])').first();
      await cell.click();
      expect(await cell.getAttribute("aria-selected")).toBe("true");
      await page.getByText("1 de 3 horarios elegidos").waitFor();
    } else {
      const when = new Date(Date.now() + 4 * 86_400_000);
      const day = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, "0")}-${String(when.getDate()).padStart(2, "0")}`;
      await manual.fill(`${day}T15:00`);
    }
    await page.locator("label.radio", { hasText: "Videollamada" }).click();
    await expectAccessible(page, "composer (es)");
    await screenshot(page, "es-04-composer");

    await page.getByRole("button", { name: "Enviar solicitud" }).click();
    await page.getByRole("heading", { level: 1, name: "Conversación con Samuel Lindqvist" }).waitFor();
    await page.getByText("Solicitud enviada. Te avisaremos aquí en cuanto Samuel Lindqvist responda.").waitFor();
    // Dates in Spanish too: the history's first line is "lun, 7 dic, 9:30 a. m. …: Enviada → Esperando respuesta".
    const history = await page.locator(".history li").first().innerText();
    expect(history).toMatch(/^(dom|lun|mar|mié|jue|vie|sáb), \d{1,2} [a-z]{3}/);
    expect(history).toContain("Esperando respuesta");
    await expectAccessible(page, "conversation (es)");
    await screenshot(page, "es-05-conversation");

    // Back to English from the header: the pages follow at once.
    await page.getByLabel("Idioma", { exact: true }).selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Conversation with Samuel Lindqvist" }).waitFor();
    expect(await lang(page)).toBe("en");
    // And they stay in English once the server has saved the choice: no flicker back to the old saved language.
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { level: 1, name: "Conversation with Samuel Lindqvist" }).waitFor({ timeout: 1000 });
    expect(await lang(page)).toBe("en");
  });
});
