/**
 * @module store/apply: the state machine. `apply(state, event)` is deterministic: no clock, no I/O,
 * no randomness (times travel inside the event), so replaying the write-ahead log rebuilds exactly
 * the state that was acknowledged. It updates `state` in place because copying every map on each
 * write would cost more than the fsync it sits behind; nothing else ever mutates the state.
 */
import { applyNomad } from "../nomad/apply-nomad.js";
import type { ApplyResult, CheckInput, StoreEvent } from "./events.js";
import { serviceTopic, TOPIC_CHECKS, TOPIC_SERVICES } from "./topics.js";
import type { CheckRecord, State } from "./types.js";

export function apply(state: State, event: StoreEvent): ApplyResult {
  state.index += 1;
  switch (event.type) {
    case "kv-set":
      return kvSet(state, event);
    case "kv-delete":
      return kvDelete(state, event);
    case "service-register":
      return serviceRegister(state, event);
    case "service-deregister":
      return serviceDeregister(state, event.id);
    case "check-register":
      return checkRegister(state, event.check, event.now);
    case "check-deregister":
      return checkDeregister(state, event.id);
    case "check-update":
      return checkUpdate(state, event);
    case "nomad-write":
      return applyNomad(state.nomad, state.index, event);
  }
}

const refused = (error: string): ApplyResult => ({ ok: false, error, kvKeys: [], topics: [] });
const nothing = (ok: boolean): ApplyResult => ({ ok, kvKeys: [], topics: [] });

function kvSet(state: State, e: Extract<StoreEvent, { type: "kv-set" }>): ApplyResult {
  const existing = state.kv.get(e.key);
  if (e.cas !== undefined) {
    // cas=0 means "only if absent"; otherwise the caller must have seen the current ModifyIndex.
    if (e.cas === 0 ? existing !== undefined : existing?.modifyIndex !== e.cas) return nothing(false);
  }
  state.kv.set(e.key, {
    key: e.key,
    value: e.value,
    flags: e.flags,
    createIndex: existing?.createIndex ?? state.index,
    modifyIndex: state.index,
    lockIndex: existing?.lockIndex ?? 0,
  });
  state.kvTombstones.delete(e.key);
  state.kvTableIndex = state.index;
  return { ok: true, kvKeys: [e.key], topics: [] };
}

function kvDelete(state: State, e: Extract<StoreEvent, { type: "kv-delete" }>): ApplyResult {
  if (e.cas !== undefined) {
    const existing = state.kv.get(e.key);
    if (e.cas === 0 || existing === undefined || existing.modifyIndex !== e.cas) return nothing(false);
  }
  const keys = e.recurse ? [...state.kv.keys()].filter((k) => k.startsWith(e.key)) : [e.key];
  const deleted: string[] = [];
  for (const key of keys) {
    if (!state.kv.delete(key)) continue;
    state.kvTombstones.set(key, state.index);
    deleted.push(key);
  }
  if (deleted.length > 0) state.kvTableIndex = state.index;
  return { ok: true, kvKeys: deleted, topics: [] };
}

function serviceRegister(state: State, e: Extract<StoreEvent, { type: "service-register" }>): ApplyResult {
  const previous = state.services.get(e.service.id);
  const topics = new Set([TOPIC_SERVICES, TOPIC_CHECKS, serviceTopic(e.service.name)]);
  if (previous !== undefined && previous.name !== e.service.name) topics.add(serviceTopic(previous.name));
  state.services.set(e.service.id, {
    ...e.service,
    createIndex: previous?.createIndex ?? state.index,
    modifyIndex: state.index,
  });
  const keep = new Set(e.checks.map((c) => c.id));
  for (const check of [...state.checks.values()]) {
    if (check.serviceId !== e.service.id) continue;
    if (e.replaceExistingChecks && !keep.has(check.id)) state.checks.delete(check.id);
    else check.serviceName = e.service.name;
  }
  for (const check of e.checks) putCheck(state, check, e.service.name, e.now);
  for (const topic of topics) if (topic.startsWith("service:")) state.serviceNameIndex.set(topic.slice(8), state.index);
  state.servicesTableIndex = state.index;
  state.checksTableIndex = state.index;
  return { ok: true, kvKeys: [], topics: [...topics] };
}

function serviceDeregister(state: State, id: string): ApplyResult {
  const service = state.services.get(id);
  if (service === undefined) return nothing(true);
  state.services.delete(id);
  for (const check of [...state.checks.values()]) if (check.serviceId === id) state.checks.delete(check.id);
  state.serviceNameIndex.set(service.name, state.index);
  state.servicesTableIndex = state.index;
  state.checksTableIndex = state.index;
  return { ok: true, kvKeys: [], topics: [TOPIC_SERVICES, TOPIC_CHECKS, serviceTopic(service.name)] };
}

function putCheck(state: State, input: CheckInput, serviceName: string, now: number): CheckRecord {
  const previous = state.checks.get(input.id);
  // Re-registering keeps a known status (Consul keeps it too) so a redeploy does not flap health.
  const status = previous?.status ?? input.status;
  const record: CheckRecord = {
    ...input,
    serviceName,
    status,
    output: previous?.output ?? input.output,
    criticalSince: status === "critical" ? (previous?.criticalSince || now) : 0,
    createIndex: previous?.createIndex ?? state.index,
    modifyIndex: state.index,
  };
  state.checks.set(input.id, record);
  return record;
}

function checkRegister(state: State, input: CheckInput, now: number): ApplyResult {
  let serviceName = "";
  if (input.serviceId !== "") {
    const service = state.services.get(input.serviceId);
    if (service === undefined) return refused(`ServiceID "${input.serviceId}" does not exist`);
    serviceName = service.name;
    state.serviceNameIndex.set(serviceName, state.index);
  }
  putCheck(state, input, serviceName, now);
  state.checksTableIndex = state.index;
  return { ok: true, kvKeys: [], topics: serviceName ? [TOPIC_CHECKS, serviceTopic(serviceName)] : [TOPIC_CHECKS] };
}

function checkDeregister(state: State, id: string): ApplyResult {
  const check = state.checks.get(id);
  if (check === undefined) return nothing(true);
  state.checks.delete(id);
  state.checksTableIndex = state.index;
  if (check.serviceName === "") return { ok: true, kvKeys: [], topics: [TOPIC_CHECKS] };
  state.serviceNameIndex.set(check.serviceName, state.index);
  return { ok: true, kvKeys: [], topics: [TOPIC_CHECKS, serviceTopic(check.serviceName)] };
}

function checkUpdate(state: State, e: Extract<StoreEvent, { type: "check-update" }>): ApplyResult {
  const check = state.checks.get(e.id);
  if (check === undefined) return refused(`Unknown check ID "${e.id}". Ensure that the check ID is passed, not the check name.`);
  if (e.status === "critical" && check.status !== "critical") check.criticalSince = e.now;
  if (e.status !== "critical") check.criticalSince = 0;
  check.status = e.status;
  check.output = e.output;
  check.modifyIndex = state.index;
  state.checksTableIndex = state.index;
  if (check.serviceName === "") return { ok: true, kvKeys: [], topics: [TOPIC_CHECKS] };
  state.serviceNameIndex.set(check.serviceName, state.index);
  return { ok: true, kvKeys: [], topics: [TOPIC_CHECKS, serviceTopic(check.serviceName)] };
}
