/** @module The SD bridge's config, read once from the environment with zod. */
import { z } from "zod";
import { DEFAULT_SD_PORT, parseRenderEnv } from "./env.js";
import { ObservabilityError, ObservabilityErrorCode } from "./errors.js";

export interface SdConfig {
  consulUrl: string;
  token?: string;
  host: string;
  port: number;
  timeoutMs: number;
}

const schema = z.object({
  FOREX_SD_HOST: z.string().trim().min(1).default("127.0.0.1"),
  FOREX_SD_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SD_PORT),
  FOREX_SD_CONSUL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

export function parseSdConfig(env: Record<string, string | undefined>): SdConfig {
  const { consul } = parseRenderEnv(env);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ObservabilityError(ObservabilityErrorCode.InvalidConfig, issues);
  }
  const config: SdConfig = {
    consulUrl: `${consul.scheme}://${consul.server}`,
    host: parsed.data.FOREX_SD_HOST,
    port: parsed.data.FOREX_SD_PORT,
    timeoutMs: parsed.data.FOREX_SD_CONSUL_TIMEOUT_MS,
  };
  if (consul.token) config.token = consul.token;
  return config;
}
