// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad interpolations such as ${NOMAD_PORT_http} are literal text here.
/**
 * @module interpolate: Nomad's runtime `${…}` interpolation (client `hargs.ReplaceEnv`, §A9).
 * A name matching `[a-zA-Z0-9_\-.]+` is looked up in the task env, then in the node's keys
 * (`node.unique.id`, `attr.kernel.name`, `meta.rack` …); anything unknown stays literal, as in Nomad.
 * Extension: `${env["X"]}` reads X from the task env (Nomad's runtime would leave it literal).
 *
 * @example
 * interpolateString("http://${NOMAD_ADDR_http}/", { NOMAD_ADDR_http: "127.0.0.1:8080" });
 * // "http://127.0.0.1:8080/"
 */
import type { NodeInfo } from "./types.js";

const REF = /\$\{(?:([a-zA-Z0-9_\-.]+)|env\["([^"\]]+)"\])\}/g;

/** The `${node.*}` / `${attr.*}` / `${meta.*}` keys of a node, flattened. */
export function nodeKeys(node: NodeInfo): Record<string, string> {
  const keys: Record<string, string> = {
    "node.unique.id": node.ID,
    "node.unique.name": node.Name,
    "node.datacenter": node.Datacenter,
    "node.region": node.Region,
    "node.class": node.NodeClass,
    "node.pool": node.NodePool,
  };
  for (const [k, v] of Object.entries(node.Attributes)) keys[`attr.${k}`] = v;
  for (const [k, v] of Object.entries(node.Meta)) keys[`meta.${k}`] = v;
  return keys;
}

export function interpolateString(template: string, env: Record<string, string>, node?: NodeInfo): string {
  if (!template.includes("${")) return template;
  const fromNode = node ? nodeKeys(node) : {};
  return template.replace(REF, (whole, name: string | undefined, envName: string | undefined) => {
    if (envName !== undefined) return Object.hasOwn(env, envName) ? (env[envName] as string) : whole;
    const key = name as string;
    if (Object.hasOwn(env, key)) return env[key] as string;
    if (Object.hasOwn(fromNode, key)) return fromNode[key] as string;
    return whole;
  });
}

/** Interpolates every string inside a driver config value (lists and maps too), as Nomad does. */
export function interpolateValue(value: unknown, env: Record<string, string>, node?: NodeInfo): unknown {
  if (typeof value === "string") return interpolateString(value, env, node);
  if (Array.isArray(value)) return value.map((v) => interpolateValue(v, env, node));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateValue(v, env, node)]));
  }
  return value;
}

/** Alias matching the brief's name: `interpolate(template, env, node)`. */
export const interpolate = interpolateString;

export interface HostFacts {
  hostname: string;
  kernelName: string;
  kernelVersion: string;
  arch: string;
  cpuCores: number;
  nomadVersion: string;
}

/** A dev node with the handful of attributes jobs commonly reference. */
export function devNodeInfo(
  identity: { ID: string; Name: string; Datacenter: string; Region: string },
  facts: HostFacts,
  meta: Record<string, string> = {},
): NodeInfo {
  return {
    ...identity,
    NodeClass: "",
    NodePool: "default",
    Attributes: {
      "unique.hostname": facts.hostname,
      "unique.network.ip-address": "127.0.0.1",
      "kernel.name": facts.kernelName,
      "kernel.version": facts.kernelVersion,
      "os.name": facts.kernelName,
      "cpu.arch": facts.arch,
      "cpu.numcores": String(facts.cpuCores),
      "nomad.version": facts.nomadVersion,
      "driver.raw_exec": "1",
    },
    Meta: meta,
  };
}
