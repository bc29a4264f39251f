#!/usr/bin/env node
/**
 * @module The file CLI (`forex-observability`). `render-config --out FILE` writes prometheus.yml for the Consul named by
 * CONSUL_HTTP_ADDR (the one variable between the dev agent and a real cluster); `generate` rewrites the
 * committed rule files, default prometheus.yml and dashboards from the TypeScript source.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { artefacts, PACKAGE_DIR, renderPrometheusYaml } from "./artefacts.js";
import { parseRenderEnv } from "./env.js";
import { ObservabilityError, ObservabilityErrorCode } from "./errors.js";

const USAGE = "usage: forex-observability render-config --out FILE | generate";

function run(argv: string[], env: Record<string, string | undefined>): string {
  const [command, ...rest] = argv;
  if (command === "generate") {
    for (const a of artefacts(parseRenderEnv({}))) {
      const path = join(PACKAGE_DIR, a.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, a.text);
    }
    return `wrote prometheus.yml, rules/ and dashboards/ under ${PACKAGE_DIR}`;
  }
  if (command === "render-config") {
    const at = rest.indexOf("--out");
    const out = at >= 0 ? rest[at + 1] : undefined;
    if (out === undefined || out.startsWith("--") || rest.length !== 2) {
      throw new ObservabilityError(ObservabilityErrorCode.InvalidConfig, `render-config needs --out FILE; ${USAGE}`);
    }
    const file = resolve(out);
    const renderEnv = parseRenderEnv(env);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, renderPrometheusYaml(renderEnv, file));
    return `wrote ${file} (targets from ${renderEnv.sdUrl})`;
  }
  throw new ObservabilityError(ObservabilityErrorCode.UnknownCommand, USAGE);
}

try {
  console.log(run(process.argv.slice(2), process.env));
} catch (error) {
  if (!(error instanceof ObservabilityError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exit(2);
}
