import { z } from "zod";
import { ConfigError } from "./errors.js";

/**
 * Parses configuration once, at start. Empty strings count as unset (so `FOO= node main.js`
 * falls back to the default), every problem is reported at once, and the result is frozen.
 *
 * @example
 * const config = loadConfig(z.object({ PORT: port(8080) }), process.env);
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): Readonly<z.output<S>> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return Object.freeze(result.data) as Readonly<z.output<S>>;
}

/** A TCP port from an environment string. 0 means "any free port". */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A duration or count in milliseconds from an environment string. */
export const millis = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);

/** The variables every forex service reads, merged into each service's own schema. */
export const serviceEnv = {
  HOST: z.string().default("127.0.0.1"),
  FOREX_VERSION: z.string().max(64).default("dev"),
  FOREX_FAULT_ERROR_RATIO: z.coerce.number().min(0).max(1).default(0),
  FOREX_FAULT_LATENCY_MS: millis(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NOMAD_ALLOC_ID: z.string().optional(),
  SHUTDOWN_GRACE_MS: millis(10_000),
};

export type ServiceEnv = z.output<z.ZodObject<typeof serviceEnv>>;
