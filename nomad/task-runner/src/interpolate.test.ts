// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad interpolations such as ${NOMAD_PORT_http} are literal text here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { devNodeInfo, interpolateString, interpolateValue } from "./interpolate.js";

const node = devNodeInfo(
  { ID: "node-uuid", Name: "dev", Datacenter: "dc1", Region: "global" },
  { hostname: "box", kernelName: "linux", kernelVersion: "6.1", arch: "amd64", cpuCores: 2, nomadVersion: "1.9.0" },
  { rack: "r1" },
);
const env = { NOMAD_ADDR_http: "127.0.0.1:23456", NOMAD_META_version: "v2", "dotted.name": "d", HOME: "/home/x" };

test("task env names, node keys, attributes and node meta", () => {
  assert.equal(interpolateString("--listen=${NOMAD_ADDR_http}", env), "--listen=127.0.0.1:23456");
  assert.equal(interpolateString("${NOMAD_META_version}-${dotted.name}", env), "v2-d");
  assert.equal(interpolateString("${node.unique.name}/${node.unique.id}/${node.datacenter}", env, node), "dev/node-uuid/dc1");
  assert.equal(interpolateString("${node.region} ${node.pool} ${node.class}|", env, node), "global default |");
  assert.equal(interpolateString("${attr.unique.hostname} ${attr.kernel.name} ${attr.cpu.arch}", env, node), "box linux amd64");
  assert.equal(interpolateString("${meta.rack}", env, node), "r1");
});

test('${env["X"]} reads the task env', () => {
  assert.equal(interpolateString('${env["HOME"]}/bin', env), "/home/x/bin");
  assert.equal(interpolateString('${env["NOPE"]}', env), '${env["NOPE"]}');
});

test("unknown names and other syntax stay literal, as in Nomad", () => {
  assert.equal(interpolateString("${NOMAD_PORT_nope}", env, node), "${NOMAD_PORT_nope}");
  assert.equal(interpolateString("${attr.nope}", env, node), "${attr.nope}");
  assert.equal(interpolateString("${meta.version}", env, node), "${meta.version}", "meta.* is node meta, not job meta");
  assert.equal(interpolateString("${var.x + 1} $NOMAD_ADDR_http ${}", env), "${var.x + 1} $NOMAD_ADDR_http ${}");
  assert.equal(interpolateString("no refs", env), "no refs");
});

test("strings inside lists and maps of a driver config are interpolated; other values kept", () => {
  const config = { args: ["-addr", "${NOMAD_ADDR_http}", 3, true], nested: { k: "${NOMAD_META_version}" }, n: null };
  assert.deepEqual(interpolateValue(config, env), {
    args: ["-addr", "127.0.0.1:23456", 3, true],
    nested: { k: "v2" },
    n: null,
  });
});
