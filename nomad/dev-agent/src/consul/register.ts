/**
 * @module consul/register: turns a register body (service or check definition) into store inputs,
 * with Consul's defaults: ID = Name, check IDs `service:<id>` / `service:<id>:<n>`, check name
 * `Service '<name>' check`, initial status critical, HTTP timeout 10 s.
 * https://developer.hashicorp.com/consul/api-docs/agent/service#register-service
 */
import { isIPv4 } from "node:net";
import type { CheckInput, ServiceInput } from "../store/events.js";
import type { CheckDefinition, CheckStatus, TaggedAddress } from "../store/types.js";
import { parseDuration } from "./duration.js";
import { isObject, type Json, pick } from "./keys.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const STATUSES = new Set(["passing", "warning", "critical"]);
const DEFAULT_TIMEOUT = "10s";

export function parseServiceDefinition(body: unknown): Parsed<{ service: ServiceInput; checks: CheckInput[] }> {
  if (!isObject(body)) return fail("Request decode failed: body must be a JSON object");
  const name = pick(body, "Name");
  if (typeof name !== "string" || name === "") return fail("Missing service name");
  const id = optString(pick(body, "ID")) || name;
  const port = pick(body, "Port") ?? 0;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    return fail("Request decode failed: Port must be an integer between 0 and 65535");
  }
  const address = pick(body, "Address") ?? "";
  if (typeof address !== "string") return fail("Request decode failed: Address must be a string");
  const tags = stringArray(pick(body, "Tags"), "Tags");
  if (!tags.ok) return tags;
  const meta = stringMap(pick(body, "Meta"), "Meta");
  if (!meta.ok) return meta;
  const tagged = taggedAddresses(pick(body, "TaggedAddresses"), address, port);
  if (!tagged.ok) return tagged;
  const weights = pick(body, "Weights");
  const service: ServiceInput = {
    id,
    name,
    tags: tags.value,
    address,
    port,
    meta: meta.value,
    taggedAddresses: tagged.value,
    weights: {
      Passing: isObject(weights) && typeof pick(weights, "Passing") === "number" ? (pick(weights, "Passing") as number) : 1,
      Warning: isObject(weights) && typeof pick(weights, "Warning") === "number" ? (pick(weights, "Warning") as number) : 1,
    },
    enableTagOverride: pick(body, "EnableTagOverride") === true,
    kind: optString(pick(body, "Kind")),
  };
  const single = pick(body, "Check");
  const many = pick(body, "Checks");
  if (many !== undefined && many !== null && !Array.isArray(many)) return fail("Request decode failed: Checks must be an array");
  const rawChecks = [...(isObject(single) ? [single] : []), ...((many as unknown[] | null | undefined) ?? [])];
  const checks: CheckInput[] = [];
  for (const [n, raw] of rawChecks.entries()) {
    const defaultId = rawChecks.length > 1 ? `service:${id}:${n + 1}` : `service:${id}`;
    const check = parseCheck(raw, { serviceId: id, defaultId, defaultName: `Service '${name}' check` });
    if (!check.ok) return check;
    checks.push(check.value);
  }
  return { ok: true, value: { service, checks } };
}

export interface CheckDefaults {
  serviceId: string;
  defaultId: string;
  defaultName: string;
}

export function parseCheck(raw: unknown, defaults: CheckDefaults): Parsed<CheckInput> {
  if (!isObject(raw)) return fail("Request decode failed: a check must be a JSON object");
  const definition = checkDefinition(raw);
  if (!definition.ok) return definition;
  const status = pick(raw, "Status") ?? "critical";
  if (typeof status !== "string" || !STATUSES.has(status === "" ? "critical" : status)) {
    return fail(`Invalid check status: "${String(status)}"`);
  }
  const id = optString(pick(raw, "CheckID")) || optString(pick(raw, "ID")) || defaults.defaultId;
  return {
    ok: true,
    value: {
      id,
      name: optString(pick(raw, "Name")) || defaults.defaultName,
      serviceId: optString(pick(raw, "ServiceID")) || defaults.serviceId,
      status: (status || "critical") as CheckStatus,
      notes: optString(pick(raw, "Notes")),
      output: "",
      definition: definition.value,
    },
  };
}

function checkDefinition(raw: Json): Parsed<CheckDefinition> {
  const http = pick(raw, "HTTP");
  const tcp = pick(raw, "TCP");
  const ttl = pick(raw, "TTL");
  const durations: Partial<CheckDefinition> = {};
  for (const [field, key, msKey] of [
    ["Interval", "interval", "intervalMs"],
    ["Timeout", "timeout", "timeoutMs"],
    ["TTL", "ttl", "ttlMs"],
    ["DeregisterCriticalServiceAfter", "deregisterCriticalServiceAfter", "deregisterCriticalAfterMs"],
  ] as const) {
    const value = pick(raw, field);
    if (value === undefined || value === null || value === "") continue;
    const ms = parseDuration(value);
    if (ms === undefined) return fail(`Request decode failed: ${field}: invalid duration "${String(value)}"`);
    durations[msKey] = ms;
    durations[key] = typeof value === "string" ? value : `${ms}ms`;
  }
  if (typeof http === "string" && http !== "") {
    if (!(durations.intervalMs && durations.intervalMs > 0)) return fail("Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");
    const header = pick(raw, "Header");
    return {
      ok: true,
      value: {
        ...durations,
        type: "http",
        http,
        method: optString(pick(raw, "Method")) || "GET",
        ...(isObject(header) ? { header: header as Record<string, string[]> } : {}),
        ...(typeof pick(raw, "Body") === "string" ? { body: pick(raw, "Body") as string } : {}),
        timeout: durations.timeout ?? DEFAULT_TIMEOUT,
        timeoutMs: durations.timeoutMs ?? 10_000,
      },
    };
  }
  if (typeof tcp === "string" && tcp !== "") {
    if (!(durations.intervalMs && durations.intervalMs > 0)) return fail("Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");
    const port = Number(tcp.slice(tcp.lastIndexOf(":") + 1));
    if (!tcp.includes(":") || !Number.isInteger(port) || port < 1 || port > 65535) return fail(`Invalid TCP check address "${tcp}": want host:port`);
    return { ok: true, value: { ...durations, type: "tcp", tcp, timeout: durations.timeout ?? DEFAULT_TIMEOUT, timeoutMs: durations.timeoutMs ?? 10_000 } };
  }
  if (ttl !== undefined && ttl !== null && ttl !== "") {
    if (!(durations.ttlMs && durations.ttlMs > 0)) return fail("TTL must be > 0 for TTL checks");
    return { ok: true, value: { ...durations, type: "ttl" } };
  }
  for (const unsupported of ["GRPC", "Args", "ScriptArgs", "H2PING", "UDP", "AliasService", "AliasNode", "DockerContainerID", "OSService"]) {
    const value = pick(raw, unsupported);
    if (value !== undefined && value !== null && value !== "") {
      return fail(`Check type ${unsupported} is not supported by the forex-mesh dev agent (use HTTP, TCP or TTL)`);
    }
  }
  return fail("Check type is not valid");
}

function optString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function stringArray(value: unknown, field: string): Parsed<string[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    return fail(`Request decode failed: ${field} must be an array of strings`);
  }
  return { ok: true, value };
}

function stringMap(value: unknown, field: string): Parsed<Record<string, string>> {
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === "string")) {
    return fail(`Request decode failed: ${field} must be a map of strings`);
  }
  return { ok: true, value: value as Record<string, string> };
}

function taggedAddresses(value: unknown, address: string, port: number): Parsed<Record<string, TaggedAddress>> {
  const out: Record<string, TaggedAddress> = {};
  // Consul fills lan_ipv4/wan_ipv4 from an IPv4 service address.
  if (isIPv4(address)) {
    out["lan_ipv4"] = { Address: address, Port: port };
    out["wan_ipv4"] = { Address: address, Port: port };
  }
  if (value === undefined || value === null) return { ok: true, value: out };
  if (!isObject(value)) return fail("Request decode failed: TaggedAddresses must be an object");
  for (const [key, entry] of Object.entries(value)) {
    if (!isObject(entry)) return fail(`Request decode failed: TaggedAddresses.${key} must be {Address, Port}`);
    const a = pick(entry, "Address");
    const p = pick(entry, "Port") ?? 0;
    if (typeof a !== "string" || typeof p !== "number") {
      return fail(`Request decode failed: TaggedAddresses.${key} must be {Address, Port}`);
    }
    out[key] = { Address: a, Port: p };
  }
  return { ok: true, value: out };
}
