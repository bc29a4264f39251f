/**
 * @module config: where Nomad is and who we are, read once from the environment like the Go client's
 * `DefaultConfig()`: NOMAD_ADDR (default http://127.0.0.1:4646), NOMAD_TOKEN, NOMAD_NAMESPACE, NOMAD_REGION.
 */
import { z } from "zod";
import { NomadError, NomadErrorCode } from "./errors.js";

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const schema = z.object({
  NOMAD_ADDR: z.preprocess(
    blankIsUnset,
    z
      .string()
      .default("http://127.0.0.1:4646")
      .refine((s) => /^https?:\/\/[^/]+/.test(s) && URL.canParse(s), "must be an http(s) URL such as http://127.0.0.1:4646"),
  ),
  NOMAD_TOKEN: z.preprocess(blankIsUnset, z.string().optional()),
  NOMAD_NAMESPACE: z.preprocess(blankIsUnset, z.string().optional()),
  NOMAD_REGION: z.preprocess(blankIsUnset, z.string().optional()),
});

export interface NomadConfig {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4646`. */
  readonly address: string;
  readonly token?: string | undefined;
  readonly namespace?: string | undefined;
  readonly region?: string | undefined;
  /** Timeout for non-blocking requests; blocking ones get their wait time plus a margin. */
  readonly timeoutMs: number;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env, timeoutMs = 30_000): NomadConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new NomadError(NomadErrorCode.Config, `invalid Nomad client configuration: ${issues}`);
  }
  const e = parsed.data;
  return Object.freeze({
    address: e.NOMAD_ADDR.replace(/\/+$/, ""),
    token: e.NOMAD_TOKEN,
    namespace: e.NOMAD_NAMESPACE,
    region: e.NOMAD_REGION,
    timeoutMs,
  });
}
