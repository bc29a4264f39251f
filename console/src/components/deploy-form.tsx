"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { deployVersion, type serviceQuery } from "../lib/api/services";
import type { ServiceDetail } from "../lib/server/mesh";
import { type EnvRow, toDeployRequest } from "../lib/view/deploy";

const EXAMPLES: EnvRow[] = [{ key: "", value: "" }];

/** Deploy a version: a label and env overrides (key=value rows), validated here and again by the API. */
export function DeployForm({ detail, query, busy }: { detail: ServiceDetail; query: ReturnType<typeof serviceQuery>; busy: boolean }) {
  const client = useQueryClient();
  const [version, setVersion] = useState("");
  const [rows, setRows] = useState<EnvRow[]>(EXAMPLES);
  const [invalid, setInvalid] = useState<string | null>(null);
  const deploy = useMutation({
    mutationFn: (req: { version: string; env: Record<string, string> }) => deployVersion(detail.service, req),
    onSuccess: () => {
      setVersion("");
      setRows(EXAMPLES);
    },
    onSettled: () => client.invalidateQueries({ queryKey: query.queryKey }),
  });
  const setRow = (i: number, patch: Partial<EnvRow>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = toDeployRequest(version, rows);
    setInvalid(checked.ok ? null : checked.message);
    if (checked.ok) deploy.mutate(checked.value);
  };
  const current = detail.job;
  return (
    <form className="deploy-form" aria-label="deploy a version" onSubmit={submit} noValidate>
      <h3>Deploy a version</h3>
      <p className="muted small">
        Runs the job as Nomad canaries beside {current?.label ?? "the current version"}, with 0% of the traffic until you shift it.
        {current && Object.keys(current.env).length > 0 ? (
          <>
            {" "}
            App env now: <code>{Object.entries(current.env).map(([k, v]) => `${k}=${v}`).join(" ")}</code>
          </>
        ) : null}
      </p>
      <div className="row">
        <label htmlFor="deploy-version">New version</label>
        <input id="deploy-version" value={version} onChange={(e) => setVersion(e.target.value)} placeholder="v2" maxLength={64} autoComplete="off" />
      </div>
      <fieldset className="env-rows">
        <legend>Environment overrides (app task; an empty value removes the variable)</legend>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while being edited.
          <div className="row" key={i}>
            <input aria-label={`Variable ${i + 1} name`} value={r.key} onChange={(e) => setRow(i, { key: e.target.value })} placeholder="FOREX_FAULT_ERROR_RATIO" autoComplete="off" />
            <span>=</span>
            <input aria-label={`Variable ${i + 1} value`} value={r.value} onChange={(e) => setRow(i, { value: e.target.value })} placeholder="0.2" autoComplete="off" />
            <button type="button" aria-label={`Remove variable ${i + 1}`} onClick={() => setRows((rs) => (rs.length === 1 ? EXAMPLES : rs.filter((_, k) => k !== i)))}>
              ×
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setRows((rs) => [...rs, { key: "", value: "" }])}>
          Add variable
        </button>
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={deploy.isPending}>
          Deploy
        </button>
        {busy ? <span className="muted">A deployment is under way: promote or roll it back first.</span> : null}
        {deploy.data ? (
          <span role="status" className="ok">
            ✓ {deploy.data.version} registered (eval {deploy.data.evalId?.slice(0, 8) ?? "?"}); canaries starting at 0%
          </span>
        ) : null}
      </div>
      {invalid || deploy.error ? (
        <p role="alert" className="error">
          Not deployed: {invalid ?? deploy.error?.message}
        </p>
      ) : null}
    </form>
  );
}
