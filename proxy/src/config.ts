/**
 * @module The proxy's configuration, parsed once from flags and the environment with zod.
 * Precedence: flag, then environment (Nomad's `NOMAD_PORT_<label>`, `NOMAD_META_version`,
 * Consul's `CONSUL_HTTP_ADDR`/`CONSUL_HTTP_TOKEN`), then the default. Empty strings count as unset.
 */
import { parseArgs } from "node:util";
import { DEFAULT_OVERRIDE_COOKIE, DEFAULT_OVERRIDE_HEADER } from "@forex-mesh/routing";
import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65535);
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a lower-case service name");

const schema = z
  .object({
    mode: z.enum(["sidecar", "edge"]),
    service: name,
    version: z.string().max(64),
    upstreams: z.array(name),
    bind: z.string().min(1),
    publicBind: z.string().min(1),
    ingressPort: port.optional(),
    egressPort: port.optional(),
    adminPort: port,
    publicPort: port.optional(),
    appHost: z.string().min(1),
    appPort: port.optional(),
    appHealthPath: z.string().startsWith("/"),
    appTimeoutMs: z.coerce.number().int().min(1),
    consulAddr: z.string().min(1),
    consulToken: z.string().optional(),
    watchWaitSeconds: z.coerce.number().int().min(1).max(600),
    allowOverride: z.boolean(),
    overrideHeader: z.string().regex(/^[a-z0-9-]+$/),
    overrideCookie: z.string().regex(/^[A-Za-z0-9_-]+$/),
    maxHeaderBytes: z.coerce.number().int().min(1024).max(65536),
    logLevel: z.enum(["debug", "info", "warn", "error", "silent"]),
    accessLog: z.boolean(),
    alloc: z.string().max(128),
  });

/** Mode-dependent rules, checked even when other fields are invalid so every problem shows at once. */
function modeIssues(raw: { mode: string; ingressPort?: string; egressPort?: string; appPort?: string; publicPort?: string; upstreams: string[] }): string[] {
  const issues: string[] = [];
  if (raw.mode === "sidecar") {
    for (const key of ["ingressPort", "egressPort", "appPort"] as const) {
      if (raw[key] === undefined) issues.push(`${key}: required in sidecar mode`);
    }
  } else if (raw.mode === "edge") {
    if (raw.publicPort === undefined) issues.push("publicPort: required in edge mode");
    if (raw.upstreams.length !== 1) issues.push("upstreams: edge mode needs exactly one --upstream");
  }
  return issues;
}

export type Config = Readonly<z.infer<typeof schema>>;

export const FLAGS = {
  mode: { type: "string" },
  service: { type: "string" },
  version: { type: "string" },
  upstream: { type: "string", multiple: true },
  bind: { type: "string" },
  "public-bind": { type: "string" },
  "ingress-port": { type: "string" },
  "egress-port": { type: "string" },
  "admin-port": { type: "string" },
  "public-port": { type: "string" },
  "app-host": { type: "string" },
  "app-port": { type: "string" },
  "app-health-path": { type: "string" },
  "app-timeout-ms": { type: "string" },
  "consul-addr": { type: "string" },
  "watch-wait": { type: "string" },
  "allow-override": { type: "boolean" },
  "override-header": { type: "string" },
  "override-cookie": { type: "string" },
  "max-header-bytes": { type: "string" },
  "log-level": { type: "string" },
  "access-log": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `FOREX_PROXY_ACCESS_LOG`: 1/true/yes/on turn it on; anything else (or unset) leaves it off. */
function accessLogEnv(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value);
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string } | { ok: "help" };

/** Parses argv (without the command name) and env; reports every problem at once. */
export function loadConfig(argv: readonly string[], env: Record<string, string | undefined>): ConfigResult {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { ok: "help" };
  const e = (key: string): string | undefined => (env[key] === "" ? undefined : env[key]);
  const f = (key: keyof typeof FLAGS): string | undefined => {
    const v = values[key];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const mode = f("mode") ?? "sidecar";
  const upstreams = ((values.upstream as string[] | undefined) ?? (e("FOREX_PROXY_UPSTREAMS") ? [e("FOREX_PROXY_UPSTREAMS")!] : []))
    .flatMap((u) => u.split(","))
    .map((u) => u.trim())
    .filter((u) => u !== "");
  const raw = {
    mode,
    service: f("service") ?? e("FOREX_PROXY_SERVICE") ?? (mode === "edge" ? "forex-edge" : undefined),
    version: f("version") ?? e("NOMAD_META_version") ?? "",
    upstreams,
    bind: f("bind") ?? "127.0.0.1",
    publicBind: f("public-bind") ?? "0.0.0.0",
    ingressPort: f("ingress-port") ?? e("NOMAD_PORT_ingress"),
    egressPort: f("egress-port") ?? e("NOMAD_PORT_egress"),
    adminPort: f("admin-port") ?? e("NOMAD_PORT_admin") ?? "0",
    publicPort: f("public-port") ?? e("NOMAD_PORT_public"),
    appHost: f("app-host") ?? "127.0.0.1",
    appPort: f("app-port") ?? e("NOMAD_PORT_app"),
    appHealthPath: f("app-health-path") ?? "/readyz",
    appTimeoutMs: f("app-timeout-ms") ?? "30000",
    consulAddr: f("consul-addr") ?? e("CONSUL_HTTP_ADDR") ?? "http://127.0.0.1:8500",
    consulToken: e("CONSUL_HTTP_TOKEN"),
    watchWaitSeconds: f("watch-wait") ?? "30",
    allowOverride: values["allow-override"] === true || mode === "sidecar",
    overrideHeader: f("override-header") ?? DEFAULT_OVERRIDE_HEADER,
    overrideCookie: f("override-cookie") ?? DEFAULT_OVERRIDE_COOKIE,
    maxHeaderBytes: f("max-header-bytes") ?? "16384",
    logLevel: f("log-level") ?? e("FOREX_PROXY_LOG_LEVEL") ?? "info",
    accessLog: values["access-log"] === true || accessLogEnv(e("FOREX_PROXY_ACCESS_LOG")),
    alloc: e("NOMAD_ALLOC_ID") ?? "",
  };
  const parsed = schema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`);
  issues.push(...modeIssues(raw));
  if (!parsed.success || issues.length > 0) return { ok: false, message: issues.join("\n") };
  return { ok: true, config: Object.freeze(parsed.data) };
}

export const USAGE = `usage: forex-mesh proxy [--mode sidecar|edge] --service NAME [flags]

  --mode sidecar|edge     sidecar (default): ingress + egress + admin; edge: public listener + admin
  --service NAME          this instance's service (metrics label); env FOREX_PROXY_SERVICE
  --version V             this instance's version; env NOMAD_META_version
  --upstream NAME[,NAME]  services reachable through egress (repeatable); edge: the one behind it
  --ingress-port N        env NOMAD_PORT_ingress        --egress-port N   env NOMAD_PORT_egress
  --admin-port N          env NOMAD_PORT_admin (0: any)  --public-port N   env NOMAD_PORT_public (edge)
  --app-port N            env NOMAD_PORT_app             --app-host H      default 127.0.0.1
  --app-health-path P     checked by /readyz (default /readyz)
  --bind ADDR             ingress/egress/admin address (default 127.0.0.1)
  --public-bind ADDR      edge public address (default 0.0.0.0)
  --consul-addr URL       env CONSUL_HTTP_ADDR (default http://127.0.0.1:8500); token: CONSUL_HTTP_TOKEN
  --watch-wait SECONDS    Consul blocking-query wait (default 30)
  --allow-override        edge: honour x-forex-version / forex-version (sidecars always do)
  --max-header-bytes N    request header limit (default 16384; larger → 431)
  --log-level L           debug|info|warn|error|silent (default info)
  --access-log            one JSON line per request on stderr (service, version, alloc, direction,
                          dst_service, dst_version, status, duration_ms, request_id, trace_id);
                          env FOREX_PROXY_ACCESS_LOG=1; alloc from NOMAD_ALLOC_ID
`;
