import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { artefacts, PACKAGE_DIR } from "./artefacts.js";
import { parseRenderEnv } from "./env.js";

test("the committed prometheus.yml, rule files and dashboards are what `generate` writes", () => {
  const files = artefacts(parseRenderEnv({}));
  assert.ok(files.length >= 6);
  for (const { path, text } of files) {
    const committed = readFileSync(join(PACKAGE_DIR, path), "utf8");
    assert.equal(committed, text, `${path} differs from the source: run pnpm --filter @forex-mesh/observability generate`);
  }
});
