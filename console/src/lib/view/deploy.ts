/**
 * @module deploy: deploying a version from the console. The request (label + env overrides) is
 * validated here so the browser form and the API route apply the same rules; the label uses the
 * sidecars' own version rules (`splitEntrySchema` of `@forex-mesh/routing`), since the label is
 * what they route by. `planDeploy` turns the job Nomad has into the job to register.
 */
import type { Job } from "@forex-mesh/nomad-client";
import { splitEntrySchema } from "@forex-mesh/routing";
import { z } from "zod";

export const MAX_ENV_OVERRIDES = 32;
export const MAX_ENV_VALUE = 1024;
/** The task whose environment the overrides go to (the sidecar's own config is not the operator's to change here). */
export const APP_TASK = "app";

export const versionLabel = splitEntrySchema.shape.version.min(1, "name a version");

// The job sets these from its meta and ports; overriding them would break routing or the sidecar.
const RESERVED = /^(NOMAD_.*|FOREX_VERSION|PORT)$/;
export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "must be an environment variable name (letters, digits, '_', not starting with a digit)")
  .refine((k) => !RESERVED.test(k), "is set by the job itself (NOMAD_*, FOREX_VERSION, PORT)");
// An empty value removes the key, so a knob set by an earlier deploy can be cleared.
export const envValue = z
  .string()
  .max(MAX_ENV_VALUE, `must be at most ${MAX_ENV_VALUE} characters`)
  .refine((v) => !/[\0\r\n]/.test(v), "must be one line");

/** The fault knobs the services read (lib/service-kit config): bounded here too, so a typo is refused before a deploy, not by a crashing canary. */
export const KNOWN_ENV: Record<string, { min: number; max: number; integer: boolean }> = {
  FOREX_FAULT_ERROR_RATIO: { min: 0, max: 1, integer: false },
  FOREX_FAULT_LATENCY_MS: { min: 0, max: 30_000, integer: true },
};

export const deployRequest = z.strictObject({
  version: versionLabel,
  env: z
    // Keys are checked below: zod reports a bad record key only as "Invalid key in record".
    .record(z.string(), envValue)
    .default({})
    .refine((e) => Object.keys(e).length <= MAX_ENV_OVERRIDES, `at most ${MAX_ENV_OVERRIDES} overrides`)
    .superRefine((env, ctx) => {
      for (const [k, v] of Object.entries(env)) {
        const name = envName.safeParse(k);
        if (!name.success) for (const i of name.error.issues) ctx.addIssue({ code: "custom", path: [k], message: i.message });
        const rule = KNOWN_ENV[k];
        if (!rule || v === "") continue;
        const n = Number(v);
        if (v.trim() === "" || !Number.isFinite(n) || n < rule.min || n > rule.max || (rule.integer && !Number.isInteger(n))) {
          ctx.addIssue({ code: "custom", path: [k], message: `must be ${rule.integer ? "a whole number" : "a number"} from ${rule.min} to ${rule.max}` });
        }
      }
    }),
});
export type DeployRequest = z.infer<typeof deployRequest>;

export interface EnvRow {
  key: string;
  value: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The form's rows → a request, blank rows ignored, a repeated key refused. */
export function toDeployRequest(version: string, rows: readonly EnvRow[]): Checked<DeployRequest> {
  const env: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === "" && row.value === "") continue;
    if (key in env) return { ok: false, message: `${key} appears twice` };
    env[key] = row.value;
  }
  const r = deployRequest.safeParse({ version: version.trim(), env });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ") };
}

/** A deployment that is not over yet: a second one would cancel it under the operator's feet. */
export function deploymentBusy(dep: { ID?: string; Status?: string; StatusDescription?: string } | null): string | null {
  if (!dep?.ID) return null;
  if (!["running", "paused", "pending", "blocked", "initializing"].includes(dep.Status ?? "")) return null;
  return `deployment ${dep.ID.slice(0, 8)} is ${dep.Status} (${dep.StatusDescription || "no description"}); promote or roll it back first`;
}

/**
 * The job to register: `Meta.version` = the label, the overrides merged into every `app` task's
 * Env (empty value = remove). Refused when the label is already the job's (canaries and stable
 * instances would carry the same label and the sidecars could not split between them).
 */
export function planDeploy(job: Job, req: DeployRequest): Checked<Job> {
  const current = job.Meta?.version;
  if (current === req.version) return { ok: false, message: `the job already runs ${req.version}; deploy under a new label so the sidecars can tell the canaries apart` };
  const keys = Object.keys(req.env);
  let apps = 0;
  const groups = (job.TaskGroups ?? []).map((g) => ({
    ...g,
    Tasks: (g.Tasks ?? []).map((t) => {
      if (t.Name !== APP_TASK) return t;
      apps += 1;
      const env: Record<string, string> = { ...(t.Env ?? {}) };
      for (const k of keys) {
        if (req.env[k] === "") delete env[k];
        else env[k] = req.env[k] ?? "";
      }
      return { ...t, Env: env };
    }),
  }));
  if (keys.length > 0 && apps === 0) return { ok: false, message: `job ${job.ID ?? "?"} has no "${APP_TASK}" task to take the env overrides` };
  return { ok: true, value: { ...job, Meta: { ...(job.Meta ?? {}), version: req.version }, TaskGroups: groups } };
}

/** The `app` task's current Env (first group that has one), shown beside the form. */
export function appEnv(job: Job | null): Record<string, string> {
  for (const g of job?.TaskGroups ?? []) for (const t of g.Tasks ?? []) if (t.Name === APP_TASK) return { ...(t.Env ?? {}) };
  return {};
}
