"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deploymentAction, type serviceQuery } from "../lib/api/services";
import type { ServiceDetail } from "../lib/server/mesh";
import { DeployForm } from "./deploy-form";

export function DeploymentPanel({ detail, query, steeredBy }: { detail: ServiceDetail; query: ReturnType<typeof serviceQuery>; steeredBy: string | null }) {
  const client = useQueryClient();
  const action = useMutation({
    mutationFn: (a: "promote" | "rollback") => deploymentAction(detail.service, a),
    onSettled: () => client.invalidateQueries({ queryKey: query.queryKey }),
  });
  const dep = detail.deployment;
  return (
    <section className="card wide" aria-labelledby="deploy-h" data-testid="deployment">
      <h2 id="deploy-h">Deployment</h2>
      {dep ? (
        <>
          <div className="row">
          <span>
            <code>{dep.id.slice(0, 8)}</code> job version {dep.jobVersion ?? "?"} · <strong className={`status-${dep.status}`}>{dep.status}</strong>
            {dep.canaries.desired > 0 ? (
              <>
                {" "}
                · canaries {dep.canaries.placed}/{dep.canaries.desired} placed, {dep.healthy} healthy{dep.promoted ? ", promoted" : ""}
              </>
            ) : null}
          </span>
          <span className="muted">{dep.description}</span>
          </div>
          <div className="row">
          <button type="button" className="primary" disabled={!dep.canPromote || action.isPending || steeredBy !== null} onClick={() => action.mutate("promote")}>
            Promote {dep.newVersion ?? ""}
          </button>
          <button type="button" className="danger" disabled={!dep.canRollBack || action.isPending || steeredBy !== null} onClick={() => action.mutate("rollback")}>
            Roll back to {dep.stableVersion ?? "stable"}
          </button>
          </div>
          <CanaryHealth detail={detail} />
        </>
      ) : (
        <p className="muted">No deployment of this job yet.</p>
      )}
      {action.error ? (
        <p role="alert" className="error">
          {action.error.message}
        </p>
      ) : null}
      <p className="muted small">
        Promote moves 100% of traffic to the canaries first, then tells Nomad to replace the old instances; roll back moves 100% to the stable version, then fails
        the deployment so Nomad reverts.
      </p>
      <DeployForm detail={detail} query={query} busy={dep !== null && ["running", "paused", "pending", "blocked"].includes(dep.status)} />
    </section>
  );
}

/** The canaries one by one, refreshed with the page: what "healthy" in Nomad's counts is made of. */
function CanaryHealth({ detail }: { detail: ServiceDetail }) {
  const canaries = detail.instances.filter((i) => i.canary);
  if (canaries.length === 0) return null;
  return (
    <ul className="canaries" data-testid="canary-health" aria-label="canary health">
      {canaries.map((c) => (
        <li key={c.alloc} className={c.passing ? "healthy" : "down"}>
          <code>{c.alloc.slice(0, 8)}</code> {c.version} {c.passing ? "passing" : "failing"} ({c.checks})
        </li>
      ))}
    </ul>
  );
}
