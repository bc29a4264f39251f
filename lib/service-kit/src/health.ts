import { Router } from "express";

export interface Readiness {
  ok: boolean;
  detail?: Record<string, unknown>;
}

export interface HealthOptions {
  /**
   * Whether this process can take traffic now (started, data loaded), from its own state. It must
   * not wait on dependencies: readiness slower than the Consul check timeout takes the instance out
   * of the mesh, and a slow upstream would take out every caller at once. Report dependencies from
   * the last known probe (`DependencyProbes`) instead.
   */
  ready?: () => Promise<Readiness> | Readiness;
  /** True once shutdown has begun: readiness fails so load balancers stop sending work. */
  draining?: () => boolean;
}

/** `/healthz` says the process is alive; `/readyz` says it should receive traffic. */
export function healthRoutes({ ready = () => ({ ok: true }), draining = () => false }: HealthOptions = {}): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    if (draining()) {
      res.status(503).json({ status: "draining" });
      return;
    }
    try {
      const result = await ready();
      res.status(result.ok ? 200 : 503).json({ status: result.ok ? "ready" : "not ready", ...result.detail });
    } catch (error) {
      res.status(503).json({ status: "not ready", error: error instanceof Error ? error.message : String(error) });
    }
  });
  return router;
}
