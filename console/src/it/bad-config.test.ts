// A console started with an invalid configuration exits at once with status 1 and names the
// variable, instead of serving 500s (Next alone logs the instrumentation error and carries on).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { repoRoot } from "./system";

test("a too-short FOREX_CONSOLE_PASSWORD stops `next start` with exit 1 and the reason", async () => {
  const port = await freePort();
  const consoleDir = join(repoRoot, "console");
  const child = spawn(process.execPath, [join(consoleDir, "node_modules/next/dist/bin/next"), "start", consoleDir, "--hostname", "127.0.0.1", "--port", String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FOREX_CONSOLE_PASSWORD: "short" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  assert.equal(code, 1, `exit code; stderr: ${stderr}`);
  assert.match(stderr, /forex-console: invalid console configuration: FOREX_CONSOLE_PASSWORD: must be at least 8 characters/);
});
