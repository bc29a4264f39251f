import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { scanPackages, staleReasons, workspacePackages } from "./build.js";

test("staleReasons: missing dist, or sources newer than the build", () => {
  assert.deepEqual(
    staleReasons([
      { dir: "a", srcNewest: 10, distNewest: null },
      { dir: "b", srcNewest: 20, distNewest: 10 },
      { dir: "c", srcNewest: 10, distNewest: 20 },
    ]),
    ["a: not built", "b: sources changed since the last build"],
  );
});

test("the workspace's TypeScript packages and their times are read from disk", () => {
  const root = mkdtempSync(join(tmpdir(), "forex-cli-ws-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - lib/*\n  - cli\n  - docs\nallowBuilds:\n  esbuild: true\n");
  for (const dir of ["lib/one", "lib/two", "cli"]) {
    mkdirSync(join(root, dir, "src"), { recursive: true });
    writeFileSync(join(root, dir, "tsconfig.build.json"), "{}");
    writeFileSync(join(root, dir, "src/index.ts"), "export {};\n");
    writeFileSync(join(root, dir, "src/index.test.ts"), "\n");
  }
  mkdirSync(join(root, "lib/noscript"), { recursive: true });
  mkdirSync(join(root, "lib/one/dist"));
  writeFileSync(join(root, "lib/one/dist/index.js"), "");
  mkdirSync(join(root, "cli/dist"));
  writeFileSync(join(root, "cli/dist/index.js"), "");
  // cli's build is older than its source; lib/one's is newer; a newer test file does not count.
  utimesSync(join(root, "cli/dist/index.js"), 1000, 1000);
  utimesSync(join(root, "cli/src/index.ts"), 2000, 2000);
  utimesSync(join(root, "cli/src/index.test.ts"), 1000, 1000);
  utimesSync(join(root, "lib/one/src/index.ts"), 1000, 1000);
  utimesSync(join(root, "lib/one/src/index.test.ts"), 9000, 9000);
  utimesSync(join(root, "lib/one/dist/index.js"), 2000, 2000);
  assert.deepEqual(workspacePackages(root).sort(), ["cli", "lib/one", "lib/two"]);
  assert.deepEqual(staleReasons(scanPackages(root)).sort(), ["cli: sources changed since the last build", "lib/two: not built"]);
});
