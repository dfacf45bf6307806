// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Frameworks the domain must never depend on (../shared/DESIGN.md §3). */
const frameworkImports = ["grammy", "grammy/*", "@grammyjs/*", "@prisma/*", "prisma", "prisma/*", "node-cron", "i18next", "i18next/*"];

export default tseslint.config(
  { ignores: ["node_modules/", "src/infra/db/generated/", "src/infra/db/generated-pg/", "data/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  // Layers (../shared/DESIGN.md §3): domain ← app ← infra, and the Telegram channel (src/bot)
  // on top. An import that runs from a lower layer to a higher one is refused.
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: frameworkImports, message: "src/domain stays free of grammY, Prisma, node-cron and i18next." },
            { group: ["**/infra/**", "**/bot/**", "**/app/**", "**/main.js"], message: "src/domain must not depend on outer layers." },
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
            { group: ["**/infra/**", "**/bot/**", "**/main.js"], message: "src/app must not depend on infra or the Telegram channel: declare a port in src/app/ports/ instead." },
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
            { group: ["**/bot/**", "**/main.js"], message: "src/infra must not depend on the Telegram channel (src/bot)." },
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
          message: "Records keyed by item code: read with byCode() or answerOf() (src/domain), build with Object.fromEntries; a code may be \"constructor\".",
        },
      ],
    },
  },
);
