// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Frameworks the domain must never depend on (../shared/DESIGN.md §3). */
const frameworkImports = ["grammy", "grammy/*", "@grammyjs/*", "@prisma/*", "prisma", "prisma/*", "node-cron", "i18next", "i18next/*"];

export default tseslint.config(
  { ignores: ["node_modules/", "src/infra/db/generated/", "data/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: frameworkImports, message: "src/domain stays free of grammY, Prisma, node-cron and i18next." },
            { group: ["**/infra/**", "**/bot/**", "**/app/**"], message: "src/domain must not depend on outer layers." },
          ],
        },
      ],
    },
  },
);
