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
);
