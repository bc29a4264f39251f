import { contextOf, createServiceApp, type DependencyProbeOptions, DependencyProbes, type Logger, outboundHeaders } from "@forex-mesh/service-kit";
import type { Express } from "express";
import { convertAmount, plain } from "./money/decimal.js";
import { minorUnits } from "./money/minor-units.js";
import { requireConvertQuery } from "./query.js";
import type { RateSource } from "./rate-client.js";

export interface ConverterDeps {
  logger: Logger;
  version: string;
  faults: { errorRatio: number; latencyMs: number; random?: () => number };
  rates: RateSource;
  /** True once SIGTERM drain has begun, so /readyz fails first. */
  draining?: () => boolean;
  /** How forex-rate is probed for /readyz's report (defaults: 500 ms timeout, 100 ms wait). */
  dependencyProbes?: DependencyProbeOptions;
}

/** The answer of `GET /v1/convert`. Decimal values are strings so no client reads them as floats. */
export interface Conversion {
  from: string;
  to: string;
  amount: string;
  result: string;
  rate: string;
  date: string;
}

/** forex-converter's HTTP app; never listens (main.ts does). */
export function createApp({ logger, version, faults, rates, draining, dependencyProbes }: ConverterDeps): Express {
  const dependencies = new DependencyProbes({ forexRate: (timeoutMs) => rates.health(timeoutMs) }, dependencyProbes);
  return createServiceApp({
    logger,
    service: "forex-converter",
    version,
    faults,
    // Readiness is this instance's own: with forex-rate down it still answers (a clear 502), and
    // pulling every converter out of the mesh would only turn that into the caller's 503. Nor does
    // it wait on forex-rate: a slow forex-rate would make /readyz miss its Consul check timeout.
    // The dependency's last known state is reported beside it (service-kit's DependencyProbes).
    health: { ready: async () => ({ ok: true, detail: { dependencies: await dependencies.report() } }), ...(draining === undefined ? {} : { draining }) },
    routes(app) {
      app.get("/v1/convert", async (req, res) => {
        const query = requireConvertQuery(req.query);
        const quote = await rates.quote(query, outboundHeaders(contextOf(res)));
        // query.ts only lets ISO 4217 codes through, so the table always has the target.
        const units = minorUnits(query.to) ?? 2;
        const body: Conversion = {
          from: query.from,
          to: query.to,
          amount: plain(query.amount),
          result: convertAmount(query.amount, quote.rate, units),
          rate: plain(quote.rate),
          date: quote.date,
        };
        res.json(body);
      });
    },
  });
}
