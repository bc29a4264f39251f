"use client";
import type { RouteTable } from "@forex-mesh/routing";
import { useEffect, useRef, useState } from "react";
import { planWeight } from "../lib/view/routing";

/** After the last native `change`: a drag ends with one, a held arrow key sends one per step. */
const SETTLE_MS = 300;

/**
 * A 0–100 slider for one version's weight beside the buttons. Dragging previews the split (the same
 * `planWeight` as the buttons, so a refusal shows before anything is sent); it writes once, on
 * release: the native `change` event (not React's onChange, which is `input`), settled so that
 * keyboard steps held down commit once.
 */
export function WeightSlider({ version, table, stable, current, disabled, onCommit }: { version: string; table: RouteTable | null; stable: readonly string[]; current: number; disabled: boolean; onCommit: (weight: number) => void }) {
  const [draft, setDraft] = useState<number | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const w = Number(el.value);
        setDraft(null);
        commit.current(w);
      }, SETTLE_MS);
    };
    el.addEventListener("change", onChange);
    return () => {
      clearTimeout(timer);
      el.removeEventListener("change", onChange);
    };
  }, []);
  const value = draft ?? current;
  const plan = draft === null ? null : planWeight(table, stable, version, draft);
  return (
    <div className="row slider">
      <label htmlFor="weight-slider">Weight of {version}</label>
      <input
        ref={ref}
        id="weight-slider"
        type="range"
        min={0}
        max={100}
        step={1}
        value={value}
        disabled={disabled}
        aria-valuetext={`${version} ${value}%`}
        onChange={(e) => setDraft(Number(e.target.value))}
      />
      <output htmlFor="weight-slider" data-testid="slider-preview">
        {plan === null ? `${value}%` : plan.ok ? plan.table.split.map((e) => `${e.version} ${e.weight}%`).join(" · ") : `refused: ${plan.message}`}
      </output>
    </div>
  );
}
