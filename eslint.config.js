// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import noImportCircle from "./eslint-rules/no-import-circle.js";

/** Frameworks the domain must never depend on (../shared/DESIGN.md §3). */
const frameworkImports = ["grammy", "grammy/*", "@grammyjs/*", "@prisma/*", "prisma", "prisma/*", "node-cron", "i18next", "i18next/*"];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "src/infra/db/generated/", "src/infra/db/generated-pg/", "data/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  // No import circles (issue 18): files that import each other, directly or round a loop, are
  // refused. import-x/no-cycle follows the imports that stay at run time (a ".js" specifier
  // resolved to its ".ts" source); architecture/no-import-circle (eslint-rules/) also follows
  // type-only ones, which closed the 7-file circle of src/app.
  {
    files: ["src/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts", "test/**/*.ts"],
    plugins: { "import-x": importX, architecture: { rules: { "no-import-circle": noImportCircle } } },
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"], extensionAlias: { ".js": [".ts", ".js"] } })],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    files: ["src/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: { "architecture/no-import-circle": ["error", { skip: ["/src/infra/db/generated(-pg)?/"] }] },
  },
  // Layers (../shared/DESIGN.md §3): domain ← app ← infra, the Telegram channel (src/bot) on
  // top, the HTTP server (src/server) above it, and main.ts (the composition root) over all.
  // An import that runs from a lower layer to a higher one is refused.
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: frameworkImports, message: "src/domain stays free of grammY, Prisma, node-cron and i18next." },
            {
              group: ["**/infra/**", "**/bot/**", "**/server/**", "**/app/**", "**/main.js", "**/config.js"],
              message: "src/domain must not depend on outer layers.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: frameworkImports, message: "src/app (use cases and ports) stays free of grammY, Prisma, node-cron and i18next." },
            {
              group: ["**/infra/**", "**/bot/**", "**/server/**", "**/main.js"],
              message: "src/app must not depend on infra, the channels or main.ts: declare a port in src/app/ports/ instead.",
            },
          ],
        },
      ],
    },
  },
  // The one HTTP server knows no channel: channels mount their routes on it as plugins.
  {
    files: ["src/server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "src/server knows no channel: the Telegram webhook is a plugin in src/bot." },
            { group: ["**/bot/**", "**/main.js"], message: "src/server must not depend on a channel (src/bot) or the composition root." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/infra/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "Telegram-specific code lives in src/bot (the channel folder)." },
            { group: ["**/bot/**", "**/server/**", "**/main.js"], message: "src/infra must not depend on the channels (src/bot, src/server) or main.ts." },
          ],
        },
      ],
    },
  },
  // Item codes are data a template brings ("constructor", "toString" are valid codes): records
  // keyed by item code are read through byCode/answerOf (own properties only), never `x[code]`,
  // which would find Object.prototype's members. Issue 17 point 1.
  {
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: [
            "MemberExpression[computed=true][object.name=/([aA]nswers|[mM]arks)$/]",
            "MemberExpression[computed=true][object.property.name=/([aA]nswers|[mM]arks)$/]",
            "MemberExpression[computed=true][object.callee.property.name=/[aA]nswers$/]",
            "MemberExpression[computed=true][object.argument.callee.property.name=/[aA]nswers$/]",
          ].join(", "),
          message: 'Records keyed by item code: read with byCode() or answerOf() (src/domain), build with Object.fromEntries; a code may be "constructor".',
        },
      ],
    },
  },
  {
    files: ["src/bot/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        // The channel mounts its webhook on the shared server (src/server, which imports no channel), so bot → server is down, not up.
        { patterns: [{ group: ["**/main.js"], message: "src/bot (the Telegram channel) must not depend on main.ts (the composition root)." }] },
      ],
    },
  },
  // A channel (src/channels/<name>) talks to its platform and the core; it knows no other channel,
  // the server's internals or the composition root. (The server block above also refuses
  // main.js: a second src/server block here would replace its rule, flat config keeps the last.)
  {
    files: ["src/channels/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "src/channels/<name> is one channel: grammY belongs to the Telegram channel (src/bot)." },
            { group: ["**/bot/**", "**/main.js"], message: "a channel must not depend on another channel (src/bot) or on the composition root." },
          ],
        },
      ],
    },
  },
);
