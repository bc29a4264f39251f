// Prints the workspace's closing test line from the tallies each package's test run left behind.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.FOREX_TEST_TALLY_DIR ?? join(import.meta.dirname ?? ".", "..", ".data", "test-tally");
const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of readdirSync(dir)) {
  for (const line of readFileSync(join(dir, name), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const t = JSON.parse(line);
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  }
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
