/**
 * @module What every scenario file does around its fault: wait until the whole mesh serves (every
 * instance passing in Consul, the edge answering), and print its table line.
 */
import type { TestContext } from "node:test";
import { CONVERT_PATH, INSTANCES, SERVICES, type System } from "@forex-mesh/e2e";
import { waitFor } from "@forex-mesh/test-utils";
import { instances } from "./mesh.js";
import { type Summary, TABLE_HEADER, tableRow } from "./stats.js";

/** The page the load asks for: forex-web → forex-converter → forex-rate, and forex-web → forex-rate. */
export const LOAD_PATH = CONVERT_PATH;

/** Resolves once every instance of every service passes its checks and the edge serves the page. */
export async function meshReady(system: System, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    "every instance passing and the edge answering 200",
    async () => {
      for (const service of SERVICES) {
        const passing = (await instances(system.consulAddr, service)).filter((i) => i.passing);
        if (passing.length !== INSTANCES[service]) return false;
      }
      const res = await fetch(`${system.edgeUrl}${LOAD_PATH}`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      return res.status === 200;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/** Prints the scenario's line of the suite table (the spec reporter shows diagnostics under the test). */
export function report(t: TestContext, scenario: string, summary: Summary, notes = ""): void {
  t.diagnostic(TABLE_HEADER);
  t.diagnostic(tableRow(scenario, summary, notes));
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
