/**
 * @module runtime: the one place that reads `process.env`. Next bundles the proxy, the route handlers
 * and instrumentation separately, so a module-level singleton would exist several times; the config
 * (with its generated password and secret) lives on `globalThis` so every bundle sees the same one.
 */
import { randomBytes } from "node:crypto";
import { loadServerConfig, type ServerConfig } from "./config";

const KEY = Symbol.for("forex-mesh.console.config");
type Holder = { [KEY]?: ServerConfig };

export function serverConfig(): ServerConfig {
  const holder = globalThis as Holder;
  holder[KEY] ??= loadServerConfig(process.env, (n) => randomBytes(n).toString("hex"));
  return holder[KEY];
}
