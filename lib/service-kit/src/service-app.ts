import express, { type Express } from "express";
import { errorHandler, notFound } from "./error-handler.js";
import { faults } from "./faults.js";
import { type HealthOptions, healthRoutes } from "./health.js";
import type { Logger } from "./logger.js";
import { requestContext } from "./request-context.js";

export interface ServiceAppOptions {
  logger: Logger;
  /** The service's name ("forex-converter"): its entry in `x-forex-served-by`. */
  service: string;
  version: string;
  faults: { errorRatio: number; latencyMs: number; random?: () => number };
  health?: HealthOptions;
  /** Adds the service's own routes and middleware between the common head and tail. */
  routes: (app: Express) => void;
}

/**
 * The Express app every forex service is built on: request context and access log, health
 * endpoints, fault knobs, then the service's routes, then JSON 404 and error rendering.
 */
export function createServiceApp({ logger, service, version, faults: faultOptions, health, routes }: ServiceAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");
  app.use(requestContext({ logger, service, version }));
  app.use(healthRoutes(health));
  app.use(faults(faultOptions));
  routes(app);
  app.use(notFound());
  app.use(errorHandler({ logger }));
  return app;
}
