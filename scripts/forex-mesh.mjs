#!/usr/bin/env node
// `pnpm forex-mesh …`: runs the operator CLI from the built tree, building it first on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const entry = join(root, "cli", "dist", "main.js");
if (!existsSync(entry)) {
  console.error("forex-mesh: first run, building the workspace (pnpm -r build)…");
  const build = spawnSync("pnpm", ["-r", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Ctrl-C reaches the CLI through the terminal's process group; this wrapper only waits for it to
// finish its teardown (stopping jobs and the agent) instead of dying first and returning the prompt.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
const result = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? (result.signal ? 1 : 0));
