/** One jest run for the whole repository; each project is a suite. */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false, react: { runtime: "automatic" } },
      target: "es2022",
      keepClassNames: true,
    },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  },
];

/**
 * ESM-only packages (campus sign-in's openid-client, oidc-provider and theirs; graphile-worker) and FormatJS (react-intl): jest's module system cannot
 * require() them, so swc compiles them to CommonJS like our own files. The built server loads them with Node's require(esm).
 */
const ESM_PACKAGES = [
  "openid-client",
  "oauth4webapi",
  "oidc-provider",
  "jose",
  "graphile-worker",
  "react-intl",
  "@formatjs",
  "intl-messageformat",
];

const common = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j)sx?$": swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join("|")})/)`],
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};

module.exports = {
  globalSetup: "<rootDir>/packages/server/src/test/global-setup.ts",
  globalTeardown: "<rootDir>/packages/server/src/test/global-teardown.ts",
  testTimeout: 30000,
  projects: [
    { ...common, displayName: "server", rootDir: "<rootDir>", roots: ["<rootDir>/packages/server/src"], testMatch: ["**/*.test.ts"] },
    { ...common, displayName: "api", rootDir: "<rootDir>", roots: ["<rootDir>/tests/api"], testMatch: ["**/*.test.ts"] },
    { ...common, displayName: "browser", rootDir: "<rootDir>", roots: ["<rootDir>/tests/browser"], testMatch: ["**/*.test.ts"] },
    {
      ...common,
      displayName: "web",
      rootDir: "<rootDir>",
      roots: ["<rootDir>/packages/web/src"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testEnvironment: "jsdom",
      setupFiles: ["<rootDir>/packages/web/src/test/jsdom-setup.ts"],
      moduleNameMapper: { "\\.css$": "<rootDir>/packages/web/src/test/style-stub.ts" },
    },
  ],
};
