// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad interpolations such as ${NOMAD_PORT_http} are literal text here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { allocDirFor, buildTaskEnv, nomadVars, sanitizeEnvKey } from "./env.js";
import type { AllocContext, TaskSpec } from "./types.js";

const alloc: AllocContext = {
  AllocID: "3f2c8a1e-1111-2222-3333-444455556666",
  AllocName: "web.api[7]",
  JobID: "web",
  TaskGroup: "api",
  Namespace: "default",
  Region: "global",
  Datacenter: "dc1",
  JobMeta: { version: "v1", owner: "fx" },
  GroupMeta: { version: "v2" },
  Ports: [
    { Label: "http", Value: 23456, HostIP: "127.0.0.1" },
    { Label: "my-admin", Value: 9000, To: 8081, HostIP: "127.0.0.1" },
  ],
  AllocDir: "/data/alloc/3f2c8a1e-1111-2222-3333-444455556666",
};
const task: TaskSpec = {
  Name: "server",
  Driver: "raw_exec",
  Config: { command: "x" },
  Meta: { "rate-limit": "5" },
  Resources: { CPU: 250, MemoryMB: 128, MemoryMaxMB: 256 },
};

test("identity, directories and limits follow §A9", () => {
  const env = nomadVars(alloc, task);
  assert.equal(env.NOMAD_ALLOC_ID, alloc.AllocID);
  assert.equal(env.NOMAD_SHORT_ALLOC_ID, "3f2c8a1e");
  assert.equal(env.NOMAD_ALLOC_NAME, "web.api[7]");
  assert.equal(env.NOMAD_ALLOC_INDEX, "7");
  assert.equal(env.NOMAD_JOB_ID, "web");
  assert.equal(env.NOMAD_JOB_NAME, "web");
  assert.equal(env.NOMAD_GROUP_NAME, "api");
  assert.equal(env.NOMAD_TASK_NAME, "server");
  assert.equal(env.NOMAD_NAMESPACE, "default");
  assert.equal(env.NOMAD_REGION, "global");
  assert.equal(env.NOMAD_DC, "dc1");
  assert.equal(env.NOMAD_ALLOC_DIR, `${alloc.AllocDir}/alloc`);
  assert.equal(env.NOMAD_TASK_DIR, `${alloc.AllocDir}/server/local`);
  assert.equal(env.NOMAD_SECRETS_DIR, `${alloc.AllocDir}/server/secrets`);
  assert.equal(env.NOMAD_CPU_LIMIT, "250");
  assert.equal(env.NOMAD_MEMORY_LIMIT, "128");
  assert.equal(env.NOMAD_MEMORY_MAX_LIMIT, "256");
  assert.equal(env.NOMAD_CPU_CORES, undefined, "only with cores");
  assert.equal(env.NOMAD_JOB_PARENT_ID, undefined);
  assert.equal(allocDirFor("/data", "abc"), "/data/alloc/abc");
});

test("ports: host values, To for NOMAD_PORT_, sanitized labels", () => {
  const env = nomadVars(alloc, task);
  assert.equal(env.NOMAD_IP_http, "127.0.0.1");
  assert.equal(env.NOMAD_HOST_IP_http, "127.0.0.1");
  assert.equal(env.NOMAD_ADDR_http, "127.0.0.1:23456");
  assert.equal(env.NOMAD_HOST_ADDR_http, "127.0.0.1:23456");
  assert.equal(env.NOMAD_HOST_PORT_http, "23456");
  assert.equal(env.NOMAD_PORT_http, "23456");
  assert.equal(env.NOMAD_ALLOC_PORT_http, "23456");
  assert.equal(env.NOMAD_PORT_my_admin, "8081", "To wins for NOMAD_PORT_");
  assert.equal(env.NOMAD_HOST_PORT_my_admin, "9000");
  assert.equal(env.NOMAD_ADDR_my_admin, "127.0.0.1:9000");
});

test("meta: job < group < task, as given and upper-cased", () => {
  const env = nomadVars(alloc, task);
  assert.equal(env.NOMAD_META_version, "v2");
  assert.equal(env.NOMAD_META_VERSION, "v2");
  assert.equal(env.NOMAD_META_owner, "fx");
  assert.equal(env.NOMAD_META_OWNER, "fx");
  assert.equal(env.NOMAD_META_rate_limit, "5");
  assert.equal(env.NOMAD_META_RATE_LIMIT, "5");
});

test("sanitizing keeps [A-Za-z0-9_.] and replaces a leading digit", () => {
  assert.equal(sanitizeEnvKey("my-port"), "my_port");
  assert.equal(sanitizeEnvKey("a.b c"), "a.b_c");
  assert.equal(sanitizeEnvKey("9lives"), "_lives");
});

test("precedence: NOMAD_* < host env < task Env; credentials dropped; Env interpolated", () => {
  const env = buildTaskEnv({
    alloc,
    task: { ...task, Env: { URL: "http://${NOMAD_ADDR_http}", HOME: "/task-home", KEEP: "${UNKNOWN}" } },
    hostEnv: { HOME: "/root", PATH: "/bin", CONSUL_HTTP_TOKEN: "t", AWS_SECRET_ACCESS_KEY: "k", NOMAD_DC: "host-dc", UNSET: undefined },
  });
  assert.equal(env.URL, "http://127.0.0.1:23456");
  assert.equal(env.HOME, "/task-home");
  assert.equal(env.PATH, "/bin");
  assert.equal(env.NOMAD_DC, "host-dc", "host env sits above Nomad's vars (§A9 precedence)");
  assert.equal(env.KEEP, "${UNKNOWN}");
  assert.equal("CONSUL_HTTP_TOKEN" in env, false);
  assert.equal("AWS_SECRET_ACCESS_KEY" in env, false);
  assert.equal("UNSET" in env, false);
});
