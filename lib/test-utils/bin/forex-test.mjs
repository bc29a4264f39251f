#!/usr/bin/env node
// Runs a package's *.test.ts files with node's test runner (TypeScript through tsx, workspace
// packages resolved to their source) and appends a pass/fail tally for the workspace summary.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
const searchIn = roots.length > 0 ? roots : ["src"];

function findTests(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const files = searchIn.flatMap((d) => (d.endsWith(".ts") ? [d] : findTests(d, []))).sort();
if (files.length === 0) {
  console.error(`forex-test: no *.test.ts files under ${searchIn.join(", ")} in ${process.cwd()}`);
  process.exit(1);
}

const workspaceRoot = resolve(here, "../../..");
const tallyDir = process.env.FOREX_TEST_TALLY_DIR ?? join(workspaceRoot, ".data", "test-tally");
mkdirSync(tallyDir, { recursive: true });
const pkgName = relative(workspaceRoot, process.cwd()).replaceAll("/", "_") || "root";
const tallyFile = join(tallyDir, `${pkgName}.json`);

const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--conditions=@forex-mesh/source",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${join(here, "tally-reporter.mjs")}`,
    `--test-reporter-destination=${tallyFile}`,
    ...flags,
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
