/**
 * @module A dashboard's panel queries as Grafana would send them: every `$variable` in an expression
 * replaced by each value the variable offers (a custom variable's options, a query variable's
 * `label_values(metric, label)` answered by Prometheus), one expression per combination.
 */

export interface TemplateVariable {
  name: string;
  type: string;
  query?: unknown;
  options?: Array<{ value: string }>;
}

export interface DashboardModel {
  title?: string;
  templating: { list: TemplateVariable[] };
  panels: Array<{ id: number; title: string; targets?: Array<{ expr: string }> }>;
}

export interface PanelQuery {
  panel: string;
  expr: string;
  /** The variable values this expression was built with. */
  values: Record<string, string>;
}

/** The values of a `custom` variable: its options, or its comma-separated query. */
export function customValues(v: TemplateVariable): string[] {
  if (v.options !== undefined && v.options.length > 0) return v.options.map((o) => o.value);
  return typeof v.query === "string" ? v.query.split(",").map((s) => s.trim()) : [];
}

/** `label_values(metric, label)` of a query variable. */
export function labelValuesQuery(v: TemplateVariable): { metric: string; label: string } {
  const text = typeof v.query === "string" ? v.query : (v.query as { query?: string } | undefined)?.query;
  const m = /^label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*([a-zA-Z_]\w*)\s*\)$/.exec(text ?? "");
  if (m === null) throw new Error(`variable ${v.name}: unsupported query ${JSON.stringify(v.query)}`);
  return { metric: m[1]!, label: m[2]! };
}

/** Variables referenced as `$name` or `${name}` in an expression. */
export function referenced(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\$\{?([a-zA-Z_]\w*)\}?/g)].map((m) => m[1]!))];
}

/** Every panel target once per combination of the values of the variables it uses. */
export function expandPanels(model: DashboardModel, values: Record<string, string[]>): PanelQuery[] {
  const out: PanelQuery[] = [];
  for (const panel of model.panels) {
    for (const { expr } of panel.targets ?? []) {
      let combos: Array<Record<string, string>> = [{}];
      for (const name of referenced(expr)) {
        const options = values[name];
        if (options === undefined || options.length === 0) throw new Error(`panel "${panel.title}": no values for $${name}`);
        combos = combos.flatMap((c) => options.map((o) => ({ ...c, [name]: o })));
      }
      for (const combo of combos) {
        const text = expr.replace(/\$\{?([a-zA-Z_]\w*)\}?/g, (_, name: string) => combo[name]!);
        out.push({ panel: panel.title, expr: text, values: combo });
      }
    }
  }
  return out;
}
