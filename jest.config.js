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

const common = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j)sx?$": swc },
  // graphile-worker ships only ES modules; jest's CommonJS runtime needs them compiled like our own code.
  transformIgnorePatterns: ["/node_modules/(?!graphile-worker/)"],
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
