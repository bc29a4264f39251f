/**
 * Shared by the two "restart mid-run" tests (kill -9 and SIGTERM).
 */
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { agentWithClient } from "./helpers.js";

/**
 * Writers hammer the agent with KV PUTs and service registrations; once they have made progress the
 * agent is stopped (SIGKILL or SIGTERM) mid-stream and started again on the same data directory.
 * Every write it acknowledged (a 200 answer) must be there; writes in flight may or may not be.
 */
export async function acknowledgedWritesSurvive(t: TestContext, { kill9 }: { kill9: boolean }): Promise<void> {
  const { agent, consul } = await agentWithClient();
  t.after(() => agent.stop());
  const acknowledgedKeys: string[] = [];
  const acknowledgedServices: string[] = [];
  let stop = false;

  const kvWriter = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const key = `crash/w${w}/k${i}`;
      try {
        const response = await fetch(`${agent.consulAddr}/v1/kv/${key}`, { method: "PUT", body: `value-${w}-${i}` });
        if (response.ok && (await response.json()) === true) acknowledgedKeys.push(key);
      } catch {
        return; // the agent died under us; this write was not acknowledged
      }
    }
  };
  const registrar = async (): Promise<void> => {
    for (let i = 0; !stop; i++) {
      try {
        const response = await fetch(`${agent.consulAddr}/v1/agent/service/register`, {
          method: "PUT",
          body: JSON.stringify({ Name: "crash-svc", ID: `crash-svc-${i}`, Port: 1000 + i, Check: { TTL: "10m", Status: "passing" } }),
        });
        if (response.ok) acknowledgedServices.push(`crash-svc-${i}`);
      } catch {
        return;
      }
    }
  };

  const writers = Promise.all([kvWriter(0), kvWriter(1), kvWriter(2), kvWriter(3), registrar()]);
  // Kill while the writers are mid-stream, once they have made real progress.
  await waitFor("50 acknowledged writes", () => acknowledgedKeys.length >= 50 && acknowledgedServices.length >= 3, { timeoutMs: 20_000, intervalMs: 5 });
  await agent.restart({ kill9 });
  stop = true;
  await writers;

  const stored = new Map(
    ((await consul.kv.get({ key: "crash/", recurse: true })) as { Key: string; Value: string }[]).map((e) => [e.Key, e.Value]),
  );
  const missing = acknowledgedKeys.filter((k) => !stored.has(k));
  assert.deepEqual(missing, [], `${missing.length} of ${acknowledgedKeys.length} acknowledged writes lost`);
  for (const key of acknowledgedKeys) {
    const [, w, k] = key.split("/");
    assert.equal(stored.get(key), `value-${w?.slice(1)}-${k?.slice(1)}`);
  }
  const services = (await consul.agent.service.list()) as Record<string, unknown>;
  const lostServices = acknowledgedServices.filter((id) => !(id in services));
  assert.deepEqual(lostServices, [], "acknowledged registrations lost");
  assert.ok(acknowledgedServices.length > 0);
}
