// ESLint (flat config). The layering between app/, components/, lib/ and server/ is checked by
// dependency-cruiser (.dependency-cruiser.cjs), not here; `npm run lint` runs both and tsc.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const browserCode = ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"];

export default defineConfig(
  {
    name: "ovs-lab/ignores",
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      "dist/",
      "lib/generated/",
      "test-results/",
      "playwright-report/",
      ".cache/",
      "data/",
      "next-env.d.ts",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: "ovs-lab/node-globals",
    files: ["**/*.{js,mjs,cjs,ts}"],
    languageOptions: { globals: globals.node },
  },
  {
    name: "ovs-lab/commonjs",
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    // require() is how a .cjs file imports.
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    name: "ovs-lab/typescript",
    files: ["**/*.{ts,tsx}"],
    rules: {
      // A leading underscore marks a parameter or binding that is there on purpose (a callback's
      // position, a destructured field left out of a rest object); tsc's noUnused* agrees.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: "ovs-lab/corrupting-tests",
    // These tests break one field of a parsed file at a time (`e.variants[0].tally.tcp.ok = -1`) to
    // check the parser names it; reaching into an untyped document is the point, so `any` is right.
    files: ["lib/snapshots/snapshot-format.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    ...reactHooks.configs.flat.recommended,
    name: "ovs-lab/react-hooks",
    files: browserCode,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Only says the React Compiler would skip a component; this project does not use the compiler.
      "react-hooks/preserve-manual-memoization": "off",
    },
  },
  {
    ...nextPlugin.configs["core-web-vitals"],
    name: "ovs-lab/next",
    files: browserCode,
  },
  {
    name: "ovs-lab/browser-globals",
    files: browserCode,
    languageOptions: { globals: globals.browser },
  },
);
