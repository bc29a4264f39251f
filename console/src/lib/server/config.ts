/**
 * @module config: the console's configuration, parsed once with zod. Server variables (addresses,
 * tokens, the password and session secret) never reach the browser; the only public values are the
 * `NEXT_PUBLIC_` ones, kept in a separate schema.
 */
import { z } from "zod";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const url = (fallback: string) =>
  z.preprocess(blank, z.url().default(fallback)).transform((u) => u.replace(/\/+$/, ""));
const optional = z.preprocess(blank, z.string().optional());

const serverSchema = z.object({
  NOMAD_ADDR: url("http://127.0.0.1:4646"),
  NOMAD_TOKEN: optional,
  CONSUL_HTTP_ADDR: z.preprocess(blank, z.string().default("http://127.0.0.1:8500")).transform((a) => (/^https?:\/\//.test(a) ? a : `http://${a}`).replace(/\/+$/, "")),
  CONSUL_HTTP_TOKEN: optional,
  PROMETHEUS_ADDR: url("http://127.0.0.1:9090"),
  FOREX_CONSOLE_PASSWORD: z.preprocess(blank, z.string().min(8, "must be at least 8 characters").optional()),
  FOREX_CONSOLE_SESSION_SECRET: z.preprocess(blank, z.string().min(32, "must be at least 32 characters").optional()),
  FOREX_CONSOLE_SESSION_HOURS: z.preprocess(blank, z.coerce.number().positive().max(24 * 30).default(12)),
});

const publicSchema = z.object({
  NEXT_PUBLIC_FOREX_POLL_MS: z.preprocess(blank, z.coerce.number().int().min(500).max(60_000).default(3_000)),
});

export interface ServerConfig {
  nomad: { address: string; token: string | undefined };
  consul: { address: string; token: string | undefined };
  prometheus: { address: string };
  password: string;
  /** True when no password was configured and one was generated (it is printed to the task log). */
  passwordGenerated: boolean;
  sessionSecret: string;
  sessionTtlMs: number;
}
export type PublicConfig = { pollMs: number };

/**
 * Validates `env`, reporting every issue at once. `random(n)` returns n random bytes as hex; it makes
 * the dev password and, when none is configured, a per-process session secret.
 */
export function loadServerConfig(env: Record<string, string | undefined>, random: (bytes: number) => string): ServerConfig {
  const parsed = serverSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid console configuration: ${issues}`);
  }
  const e = parsed.data;
  return Object.freeze({
    nomad: { address: e.NOMAD_ADDR, token: e.NOMAD_TOKEN },
    consul: { address: e.CONSUL_HTTP_ADDR, token: e.CONSUL_HTTP_TOKEN },
    prometheus: { address: e.PROMETHEUS_ADDR },
    password: e.FOREX_CONSOLE_PASSWORD ?? random(12),
    passwordGenerated: e.FOREX_CONSOLE_PASSWORD === undefined,
    sessionSecret: e.FOREX_CONSOLE_SESSION_SECRET ?? random(32),
    sessionTtlMs: e.FOREX_CONSOLE_SESSION_HOURS * 3_600_000,
  });
}

export function loadPublicConfig(env: Record<string, string | undefined>): PublicConfig {
  return { pollMs: publicSchema.parse(env).NEXT_PUBLIC_FOREX_POLL_MS };
}
