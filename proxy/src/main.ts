#!/usr/bin/env node
/** @module Plain entry point for job files: `node proxy/dist/main.js --service forex-rate …`. */
import { run } from "./cli.js";

run(process.argv.slice(2)).then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`forex-mesh proxy: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
