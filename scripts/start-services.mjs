#!/usr/bin/env node
// `pnpm start`: runs `forex-mesh up` (build what is stale, start the dev agent, run every job, wait
// until healthy, print the URLs; Ctrl-C stops everything). Flags pass through:
//   pnpm start -- --edge-port 18080
// It builds the workspace first only on a fresh clone (no CLI yet); `up` checks the rest itself.
// This wrapper waits for `up` to finish its teardown instead of dying on the first Ctrl-C, so the
// shell prompt only returns once every process is stopped.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const entry = join(root, "cli", "dist", "main.js");
if (!existsSync(entry)) {
  console.log("forex-mesh: first run, building the workspace (pnpm -r build)…");
  const build = spawnSync("pnpm", ["-r", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(process.execPath, [entry, "up", ...process.argv.slice(2)], { stdio: "inherit" });
// A terminal's Ctrl-C reaches `up` directly (same process group), so SIGINT is only kept from
// killing this wrapper; SIGTERM, sent to this process alone, is passed on. Either way we wait.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {
  if (child.exitCode === null) child.kill("SIGTERM");
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
