// Lint keeps the architecture honest: every arrow of docs/architecture.md is a rule here, per folder, so a
// layer leak fails `npm run lint` (and so `npm test`). Direction: contract ← store ← domain ← routes, bot ← main.ts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** One rule per folder: the groups it may not import, each with the reason shown on a violation. */
const layer = (files, ...rules) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: rules.map(([group, message, allowTypeImports = false]) => ({ group, message, allowTypeImports })) },
    ],
  },
});

const APP_NEVER = [["**/bot/**", "**/sandbox/**", "**/tab/**", "**/dev/**", "**/main.js"], "api/ never imports bot/, tab/, sandbox/, dev/ or main.ts: notifications go through the outbox."];
const NO_EDGE = [["**/routes/**", "**/http/*", "!**/http/https-fetch.js"], "Only routes and main.ts know the HTTP edge (api/http/, api/routes/)."];
const NO_DOMAIN = [["**/domain/**"], "Below the domain: only routes and the bot call domain commands."];
/** The bot may name the store's row types, but reads and writes only through domain commands. */
const NO_SEQUELIZE_VALUES = [["sequelize", "**/store/models.js"], "The bot reads and writes through domain commands (api/domain/), not Sequelize.", true];
const NO_SEQUELIZE = [["sequelize", "**/store/models.js"], "Only api/store/ and api/domain/ touch Sequelize: go through a domain command or a store function."];

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
  layer(["contract/**/*.ts"], [
    ["../**", "**/api/**", "**/bot/**", "**/tab/**", "**/sandbox/**", "**/dev/**", "**/main.js", "sequelize", "restify", "react"],
    "contract/ is zod only: it imports nothing from the app, and the store maps to its vocabulary, not the other way.",
  ]),
  layer(["api/**/*.ts"], APP_NEVER),
  layer(["api/store/**/*.ts"], APP_NEVER, NO_EDGE, NO_DOMAIN, [["**/auth/**", "**/graph/**", "**/context.js"], "The store is the bottom layer: it knows only the contract's vocabulary, config and log."]),
  layer(["api/auth/**/*.ts", "api/graph/**/*.ts", "api/metrics/**/*.ts"], APP_NEVER, NO_EDGE, NO_DOMAIN),
  layer(["api/domain/**/*.ts"], APP_NEVER, NO_EDGE),
  layer(["api/http/**/*.ts"], APP_NEVER, NO_DOMAIN, [["**/routes/**", "**/store/**", "**/context.js"], "api/http/ is the edge's machinery: routes and main.ts give it what it needs."]),
  layer(["api/routes/**/*.ts"], APP_NEVER, NO_SEQUELIZE),
  layer(["bot/**/*.ts"], NO_EDGE, [["**/sandbox/**", "**/tab/**", "**/dev/**", "**/main.js"], "bot/ builds on api/ (context, domain, store) only."], NO_SEQUELIZE_VALUES),
  layer(["sandbox/**/*.ts"], [
    ["**/api/**", "**/bot/**", "**/tab/**", "**/contract/**", "**/dev/**", "**/main.js"],
    "The sandbox stands for Microsoft: it imports nothing from the app.",
  ]),
  layer(["tab/**/*.ts", "tab/**/*.tsx"], [
    ["**/api/**", "**/bot/**", "**/sandbox/**", "**/dev/**", "**/main.js"],
    "The tab imports only the contract (contract/).",
  ]),
  {
    // The tab reaches the API only through contract/'s endpoints (tab/src/api-client): a hand-built path would
    // drift from the server's without the compiler noticing.
    files: ["tab/**/*.ts", "tab/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Literal[value=/^\\/api\\//]", message: "Call the API through a contract/ endpoint (api.call(endpoint, input)), not a hand-built /api/ path." },
        { selector: "TemplateElement[value.raw=/^\\/api\\//]", message: "Call the API through a contract/ endpoint (api.call(endpoint, input)), not a hand-built /api/ path." },
      ],
    },
  },
  {
    files: ["scripts/**/*.ts", "scripts/**/*.mjs", "bench/**/*.ts", "tests/**/*.ts", "main.ts", "dev/**/*.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["scripts/**/*.mjs", "bench/**/*.mjs"],
    languageOptions: { globals: { URL: "readonly", process: "readonly", console: "readonly" } },
  },
);
