/**
 * @module server/rollout: the console's side of an automated rollout. It writes the spec (cas 0, or
 * check-and-set over a finished rollout's spec) and the control key; only the controller writes the
 * status. The canary and stable versions come from the running Nomad deployment, so a rollout is
 * always of the canaries the operator deployed.
 */
import {
  type ControlCommand,
  parseRolloutControl,
  parseRolloutSpec,
  parseRolloutStatus,
  type RolloutControl,
  type RolloutSpec,
  type RolloutStatus,
  rolloutControlKey,
  rolloutSpecKey,
  rolloutStatusKey,
  validateRolloutControl,
  validateRolloutSpec,
} from "@forex-mesh/rollout/schema";
import { type RolloutView, toRolloutView } from "../view/rollout";
import type { Backends } from "./backends";
import { ConsoleError, ConsoleErrorCode } from "./errors";
import { serviceDetail } from "./mesh";

export interface RolloutState {
  service: string;
  spec: RolloutSpec | null;
  status: RolloutStatus | null;
  control: RolloutControl | null;
  view: RolloutView | null;
  /** A stored key that does not parse (the panel says so rather than hiding it). */
  errors: string[];
}

async function read(b: Backends, service: string) {
  const [spec, status, control] = await Promise.all([b.kvGet(rolloutSpecKey(service)), b.kvGet(rolloutStatusKey(service)), b.kvGet(rolloutControlKey(service))]);
  const errors: string[] = [];
  const parse = <T>(what: string, kv: { value: string } | null, f: (t: string) => { ok: true; value: T } | { ok: false; error: { message: string } }): T | null => {
    if (!kv) return null;
    const r = f(kv.value);
    if (r.ok) return r.value;
    errors.push(`${what}: ${r.error.message}`);
    return null;
  };
  return {
    specIndex: spec?.modifyIndex ?? 0,
    controlIndex: control?.modifyIndex ?? 0,
    specExists: spec !== null,
    spec: parse("spec", spec, parseRolloutSpec),
    status: parse("status", status, parseRolloutStatus),
    control: parse("control", control, parseRolloutControl),
    errors,
  };
}

export async function rolloutState(b: Backends, service: string): Promise<RolloutState> {
  const s = await read(b, service);
  return { service, spec: s.spec, status: s.status, control: s.control, view: toRolloutView(s.spec, s.status), errors: s.errors };
}

/**
 * Manual weight changes, promote and roll back are refused while a rollout is unfinished: the
 * controller would undo them at its next step (or act on a deployment moved under it). Abort hands
 * control back.
 */
export async function refuseWhileRolling(b: Backends, service: string): Promise<void> {
  const s = await read(b, service);
  const view = toRolloutView(s.spec, s.status);
  if (view && !view.terminal) {
    throw new ConsoleError(ConsoleErrorCode.Conflict, `rollout ${view.id} of ${view.canary} is steering ${service}'s traffic (${view.phase ?? "starting"}); abort it first to change weights or the deployment by hand`);
  }
}

export interface StartRollout {
  steps?: number[];
  stepSeconds?: number;
  gates?: Partial<RolloutSpec["gates"]>;
}

export async function startRollout(b: Backends, service: string, input: StartRollout, nowMs: number, randomHex: (bytes: number) => string): Promise<RolloutState> {
  const [detail, current] = await Promise.all([serviceDetail(b, service, nowMs), read(b, service)]);
  const dep = detail.deployment;
  if (dep?.status !== "running" || dep.canaries.desired === 0 || dep.promoted || !dep.newVersion || !dep.stableVersion) {
    throw new ConsoleError(ConsoleErrorCode.Conflict, `${service} has no running canary deployment to roll out: deploy the new version first (its canaries start at 0%)`);
  }
  const view = toRolloutView(current.spec, current.status);
  if (current.specExists && !(view?.terminal ?? false)) {
    throw new ConsoleError(ConsoleErrorCode.Conflict, view ? `rollout ${view.id} of ${view.canary} is not finished (${view.phase ?? "not picked up yet"}); abort it first` : "the stored rollout spec is unreadable; fix or delete it first");
  }
  const spec = validateRolloutSpec({
    id: `r-${randomHex(4)}`,
    service,
    job: service,
    canary: dep.newVersion,
    stable: dep.stableVersion,
    ...(input.steps ? { steps: input.steps } : {}),
    ...(input.stepSeconds ? { stepSeconds: input.stepSeconds } : {}),
    ...(input.gates ? { gates: input.gates } : {}),
    createdAt: new Date(nowMs).toISOString(),
    createdBy: "console",
  });
  if (!spec.ok) throw new ConsoleError(ConsoleErrorCode.InvalidInput, `rollout: ${spec.error.message}`, spec.error.issues);
  if (!(await b.kvPut(rolloutSpecKey(service), JSON.stringify(spec.value), current.specIndex))) {
    throw new ConsoleError(ConsoleErrorCode.Conflict, "another rollout was started at the same time; look again");
  }
  return rolloutState(b, service);
}

export async function controlRollout(b: Backends, service: string, command: ControlCommand, nowMs: number): Promise<RolloutState> {
  const current = await read(b, service);
  const view = toRolloutView(current.spec, current.status);
  if (!view) throw new ConsoleError(ConsoleErrorCode.Conflict, `${service} has no rollout to ${command}`);
  if (!view.allowed[command]) throw new ConsoleError(ConsoleErrorCode.Conflict, `rollout ${view.id} cannot ${command} now (${view.phase ?? "not picked up yet"})`);
  const control = validateRolloutControl({ id: view.id, command, at: new Date(nowMs).toISOString() });
  if (!control.ok) throw new ConsoleError(ConsoleErrorCode.InvalidInput, control.error.message);
  if (!(await b.kvPut(rolloutControlKey(service), JSON.stringify(control.value), current.controlIndex))) {
    throw new ConsoleError(ConsoleErrorCode.Conflict, "the rollout's control changed at the same time; look again");
  }
  return rolloutState(b, service);
}

