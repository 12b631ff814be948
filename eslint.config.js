// Lint keeps the architecture honest: the folders' import rules from STYLE.md are enforced here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (group, message) => ["error", { patterns: [{ group, message }] }];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "tab/dist/**", "data/**", "appPackage/build/**", "test-artifacts/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  {
    files: ["api/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ["**/bot/**", "**/sandbox/**", "**/tab/**", "**/main.js"],
        "api/ never imports bot/, tab/, sandbox/ or main.ts: notifications go through the outbox.",
      ),
    },
  },
  {
    files: ["bot/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(["**/sandbox/**", "**/tab/**", "**/main.js"], "bot/ builds on api/ only."),
    },
  },
  {
    files: ["sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ["**/api/**", "**/bot/**", "**/tab/**", "**/main.js"],
        "The sandbox stands for Microsoft: it imports nothing from the app.",
      ),
    },
  },
  {
    files: ["tab/**/*.ts", "tab/**/*.tsx"],
    rules: {
      "no-restricted-imports": restrict(
        ["**/api/!(contract)/**", "**/api/*.js", "**/bot/**", "**/sandbox/**", "**/main.js"],
        "The tab imports only the API's contract types (api/contract/).",
      ),
    },
  },
  {
    files: ["scripts/**/*.ts", "scripts/**/*.mjs", "bench/**/*.ts", "tests/**/*.ts", "main.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["scripts/**/*.mjs"],
    languageOptions: { globals: { URL: "readonly", process: "readonly", console: "readonly" } },
  },
);
