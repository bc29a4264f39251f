#!/usr/bin/env node
/**
 * @module main: `node nomad/dev-agent/dist/main.js [flags]`, the same as `forex-mesh agent`.
 */
import { run } from "./cli.js";

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dev-agent: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
