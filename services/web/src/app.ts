import { contextOf, createServiceApp, type DependencyProbeOptions, DependencyProbes, type Logger, outboundHeaders } from "@forex-mesh/service-kit";
import type { Express } from "express";
import { apiConvert } from "./api.js";
import type { Backends, Currency } from "./backends.js";
import { buildPage } from "./page-model.js";
import { renderPage } from "./render/page.js";
import { SCRIPT, SCRIPT_PATH } from "./render/script.js";
import { STYLESHEET, STYLESHEET_PATH } from "./render/styles.js";

export interface WebDeps {
  logger: Logger;
  version: string;
  faults: { errorRatio: number; latencyMs: number; random?: () => number };
  backends: Backends;
  currencies: (headers: Record<string, string>) => Promise<Currency[]>;
  draining?: () => boolean;
  /** How the backends are probed for /readyz's report (defaults: 500 ms timeout, 100 ms wait). */
  dependencyProbes?: DependencyProbeOptions;
}

// Everything the page needs is same-origin, with no inline script or style: a strict policy holds.
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const IMMUTABLE = "public, max-age=31536000, immutable";

/** forex-web's HTTP app: the page at `/`, its stylesheet and its script. Never listens (main.ts does). */
export function createApp({ logger, version, faults, backends, currencies, draining, dependencyProbes }: WebDeps): Express {
  const dependencies = new DependencyProbes(backends.dependencyChecks, dependencyProbes);
  return createServiceApp({
    logger,
    service: "forex-web",
    version,
    faults,
    // Readiness is this instance's own: the page degrades when a backend is down (form kept, friendly
    // message), which beats the edge's 503 for every user. Nor does it wait on the backends: a slow
    // forex-rate would make /readyz miss its Consul check timeout and take every forex-web out of
    // the mesh. Their last known states are reported beside it (service-kit's DependencyProbes).
    health: { ready: async () => ({ ok: true, detail: { dependencies: await dependencies.report() } }), ...(draining === undefined ? {} : { draining }) },
    routes(app) {
      app.get("/", async (req, res) => {
        const ctx = contextOf(res);
        const { status, model } = await buildPage(req.query, outboundHeaders(ctx), { backends, version, logger: ctx.log, currencies });
        res.status(status).set(PAGE_HEADERS).send(renderPage(model));
      });
      // The answer's x-forex-served-by is this service then the converter's chain (service-kit
      // records it from the upstream answer made with outboundHeaders).
      app.get("/api/convert", async (req, res) => {
        res.set("cache-control", "no-store").json(await apiConvert(req.query, outboundHeaders(contextOf(res)), backends));
      });
      for (const [path, type, body] of [
        [STYLESHEET_PATH, "text/css", STYLESHEET],
        [SCRIPT_PATH, "text/javascript", SCRIPT],
      ] as const) {
        app.get(path, (_req, res) => {
          res.set({ "content-type": `${type}; charset=utf-8`, "cache-control": IMMUTABLE, "x-content-type-options": "nosniff" }).send(body);
        });
      }
    },
  });
}
