import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../packages/server/src/db/embedded-postgres";
import { DEMO_SSO } from "../../packages/server/src/seed/demo-sso";
import { formAction, TestBrowser } from "../../packages/server/src/test/test-browser";

const root = path.resolve(__dirname, "..", "..");
const main = path.join(root, "packages/server/dist/main.js");

/**
 * What `npm start` runs, end to end: the built server with no DATABASE_URL, so it starts its own
 * embedded PostgreSQL in a fresh data folder, migrates, loads the demo data and serves one port.
 */
describe("starting the platform with nothing configured", () => {
  let server: ChildProcess;
  let url: string;
  let output = "";

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error("packages/server/dist/main.js is missing: `npm test` builds it first (npm run build)");
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "infoview-start-")),
      LOG_LEVEL: "info",
    };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    delete env.JWT_SECRET;
    server = spawn(process.execPath, [main], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 90_000;
    while (!output.includes("Infoview is ready")) {
      if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }, 30_000);

  it("answers the health probes", async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("serves the web client at /", async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);
  });

  it("lets a demo student sign in over GraphQL and read their profile", async () => {
    const post = async (query: string, variables: object, token?: string) =>
      (
        await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        })
      ).json();
    const signIn = await post(`mutation($i: SignInInput!) { signIn(input: $i) { accessToken me { roles identity { email } } } }`, {
      i: { email: "student1@northfield.example", password: "infoview-demo" },
    });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data.signIn.me.roles).toEqual(["STUDENT"]);
    const profile = await post(`{ myStudentProfile { major pitch fields } }`, {}, signIn.data.signIn.accessToken);
    expect(profile.errors).toBeUndefined();
    expect(profile.data.myStudentProfile.pitch.length).toBeGreaterThan(20);
    const requests = await post(`{ myRequests(first: 50) { edges { node { state } } } }`, {}, signIn.data.signIn.accessToken);
    expect(requests.errors).toBeUndefined();
    expect(requests.data.myRequests.edges.map((e: { node: { state: string } }) => e.node.state)).toEqual(
      expect.arrayContaining(["REQUESTED", "ACCEPTED", "COMPLETED"]),
    );
  });

  it("signs the demo student in with Northfield's campus sign-in through the built-in OpenID Provider", async () => {
    const options = await (
      await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ signInOptions(email: "someone@northfield.example") { providerName startUrl } }` }),
      })
    ).json();
    expect(options.data.signInOptions).toHaveLength(1);
    expect(options.data.signInOptions[0].providerName).toBe("Northfield");
    const browser = new TestBrowser();
    const login = await browser.follow(options.data.signInOptions[0].startUrl);
    expect(login.url).toContain(DEMO_SSO.path);
    const consent = await browser.follow(formAction(await login.response.text(), login.url), { form: { prompt: "login", login: "ava" } });
    const back = await browser.follow(formAction(await consent.response.text(), consent.url), { form: { prompt: "consent" } }, (next) =>
      next.includes("/sign-in/complete"),
    );
    expect(back.redirected).toBe(true);
    const code = new URLSearchParams(new URL(back.url).hash.slice(1)).get("code");
    const done = await (
      await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation($c: String!) { completeCampusSignIn(code: $c) { me { identity { email } roles } } }`,
          variables: { c: code },
        }),
      })
    ).json();
    expect(done.data.completeCampusSignIn.me).toEqual({ identity: { email: "student1@northfield.example" }, roles: ["STUDENT"] });
  });

  it("logs how long start-up took", () => {
    expect(output).toMatch(/Infoview is ready at .* in \d+ ms/);
  });
});
