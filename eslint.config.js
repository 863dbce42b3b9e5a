// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

// ---------------------------------------------------------------------------------------------
// packages/web: the shape of the web client (docs/ARCHITECTURE.md), self-contained.
// src/app imports anything; a feature imports only the shared places (src/ui, src/lib,
// src/graphql), never another feature nor the app; the shared places never import a feature or
// the app; nothing in packages/web imports packages/server (the web reads the API over GraphQL).
// Features are read from the folder, so a new one is covered without editing this list.
// ---------------------------------------------------------------------------------------------
const webImportX = require("eslint-plugin-import-x").importX;
const { createTypeScriptImportResolver: webTypeScriptResolver } = require("eslint-import-resolver-typescript");
const WEB_SRC = "packages/web/src";
const WEB_SHARED = [`${WEB_SRC}/ui`, `${WEB_SRC}/lib`, `${WEB_SRC}/graphql`, `${WEB_SRC}/i18n`];
const webFeatures = require("node:fs")
  .readdirSync(`${__dirname}/${WEB_SRC}/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const NO_SERVER = "The web client reaches the server over GraphQL only; generated types come from schema.graphql.";
const webBoundaries = {
  files: ["packages/web/**/*.{ts,tsx,js}"],
  plugins: { "import-x": webImportX },
  settings: {
    // Unresolved imports are skipped by no-restricted-paths: resolve TypeScript's extensionless paths.
    "import-x/resolver-next": [webTypeScriptResolver({ project: `${__dirname}/packages/web/tsconfig.json` })],
  },
  rules: {
    "import-x/no-restricted-paths": [
      "error",
      {
        basePath: __dirname,
        zones: [
          { target: "packages/web", from: "packages/server", message: NO_SERVER },
          ...webFeatures.map((feature) => ({
            target: `${WEB_SRC}/features/${feature}`,
            from: `${WEB_SRC}/features`,
            except: [`./${feature}`],
            message: "Features never import each other: move what both need to src/ui or src/lib.",
          })),
          {
            target: [`${WEB_SRC}/features`, ...WEB_SHARED],
            from: `${WEB_SRC}/app`,
            message: "Only main.tsx imports src/app: move what is shared to src/ui or src/lib.",
          },
          {
            target: WEB_SHARED,
            from: `${WEB_SRC}/features`,
            message: "src/ui, src/lib and src/graphql are shared by every feature and import none.",
          },
        ],
      },
    ],
    // The package name resolves only once the server is built: refuse it by name as well.
    "no-restricted-imports": ["error", { patterns: [{ group: ["@infoview/server", "@infoview/server/*"], message: NO_SERVER }] }],
  },
};
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// packages/server: the layers (docs/ARCHITECTURE.md). db/ never imports a module (the root's entities.ts and
// services.ts wire them); modules never import http/; a module uses another only through what that module's
// index.ts exports (tests and fixtures may reach in); a migration imports nothing but typeorm's types and other
// migrations (ADR 0015); no import cycles (type-only ones, which import-x/no-cycle skips, are caught by
// src/boundaries.test.ts). Modules are read from the folder, so a new one is covered without editing this list.
// ---------------------------------------------------------------------------------------------
const SERVER_SRC = "packages/server/src";
const serverModules = require("node:fs")
  .readdirSync(`${__dirname}/${SERVER_SRC}/modules`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const serverSettings = {
  "import-x/resolver-next": [webTypeScriptResolver({ project: `${__dirname}/packages/server/tsconfig.json` })],
  // no-cycle reads the imported files too: without a parser for .ts it finds nothing (silently).
  "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
  "import-x/extensions": [".ts", ".js"],
};
const serverBoundaries = [
  {
    files: [`${SERVER_SRC}/**/*.ts`],
    plugins: { "import-x": webImportX },
    settings: serverSettings,
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: __dirname,
          zones: [
            {
              target: `${SERVER_SRC}/db`,
              from: `${SERVER_SRC}/modules`,
              message: "db/ never imports a module: wire it at the root (entities.ts, services.ts) instead.",
            },
            {
              target: `${SERVER_SRC}/modules`,
              from: `${SERVER_SRC}/http`,
              message: "Modules never see HTTP: take what you need as an argument from the resolver or the service.",
            },
          ],
        },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: [`${SERVER_SRC}/modules/**/*.ts`],
    ignores: ["**/*.test.ts", "**/*.fixtures.ts"],
    plugins: { "import-x": webImportX },
    settings: serverSettings,
    rules: {
      // Replaces the general block's zones for module files: both lists apply here.
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: __dirname,
          zones: [
            {
              target: `${SERVER_SRC}/modules`,
              from: `${SERVER_SRC}/http`,
              message: "Modules never see HTTP: take what you need as an argument from the resolver or the service.",
            },
            ...serverModules.map((name) => ({
              target: `${SERVER_SRC}/modules/${name}`,
              from: `${SERVER_SRC}/modules`,
              except: [`./${name}`, ...serverModules.filter((other) => other !== name).map((other) => `./${other}/index.ts`)],
              message: 'A module uses another only through its index.ts: import from "../<module>", and export what is needed there.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: [`${SERVER_SRC}/db/migrations/*.ts`],
    ignores: [`${SERVER_SRC}/db/migrations/index.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!typeorm$|\\./\\d{13}-[A-Za-z0-9]+$)",
              message:
                "A migration holds the SQL it runs (ADR 0015): import only typeorm's types and other migrations, and write the statements out.",
            },
          ],
        },
      ],
    },
  },
];
// ---------------------------------------------------------------------------------------------

module.exports = tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.generated.ts", "test-output/**", "coverage/**", ".data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Decorated parameters are read at run time through decorator metadata: imports they use are values.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
      globals: {
        console: "readonly",
        process: "readonly",
        __dirname: "readonly",
        require: "readonly",
        module: "writable",
        fetch: "readonly",
        setTimeout: "readonly",
        performance: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-function-type": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { disallowTypeAnnotations: false }],
      "no-empty-pattern": "off",
    },
  },
  { files: ["**/*.js", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  webBoundaries,
  {
    // One way to show dates, times and numbers (issue 15): lib/time.ts, in the person's locale and time zone.
    files: [`${WEB_SRC}/**/*.{ts,tsx}`],
    ignores: [`${WEB_SRC}/lib/time.ts`, "**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]",
          message: "Show dates, times and numbers with src/lib/time.ts (formatDate, formatTimestamp, formatNumber…), not toLocale*String.",
        },
        {
          selector: "MemberExpression[object.name='Intl'][property.name=/^(DateTimeFormat|RelativeTimeFormat|NumberFormat)$/]",
          message: "Format dates, times and numbers in src/lib/time.ts, so every page shows them one way.",
        },
      ],
    },
  },
  ...serverBoundaries,
);
