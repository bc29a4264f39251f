import type { Currency } from "../backends.js";
import type { Field } from "../form.js";
import type { PageModel } from "../page-model.js";
import { formatPercent, renderChart, summarize } from "./chart.js";
import { formatDay, groupDigits } from "./format.js";
import { html, queryString, type SafeHtml } from "./html.js";
import { SCRIPT_PATH } from "./script.js";
import { STYLESHEET_PATH } from "./styles.js";

const LABELS: Record<Field, string> = { amount: "Amount", from: "From", to: "To", date: "Date (optional)" };

function errorAttributes(model: PageModel, field: Field, hintId?: string): SafeHtml {
  const invalid = model.form.errors[field] !== undefined;
  const described = [invalid ? `${field}-error` : undefined, hintId].filter(Boolean).join(" ");
  return html`${invalid ? html` aria-invalid="true"` : ""}${described === "" ? "" : html` aria-describedby="${described}"`}`;
}

function fieldError(model: PageModel, field: Field): SafeHtml {
  const message = model.form.errors[field];
  return message === undefined ? html`` : html`<p class="field-error" id="${field}-error" data-testid="${field}-error">${message}</p>`;
}

function currencySelect(model: PageModel, field: "from" | "to"): SafeHtml {
  const selected = model.form.values[field];
  const options: Currency[] = [...model.currencies];
  // Keep what the person chose even when the list lacks it, or the browser would silently pick another.
  if (selected !== "" && !options.some((c) => c.code === selected)) options.unshift({ code: selected, name: selected });
  if (selected === "") options.unshift({ code: "", name: "Choose a currency" });
  return html`<div class="field ${field}-row">
<label for="${field}">${LABELS[field]}</label>
<select id="${field}" name="${field}"${errorAttributes(model, field)}>${options.map(
    (c) => html`<option value="${c.code}"${c.code === selected ? html` selected` : ""}>${c.code === "" || c.name === c.code ? c.name : `${c.code} · ${c.name}`}</option>`,
  )}</select>
${fieldError(model, field)}</div>`;
}

function errorSummary(model: PageModel): SafeHtml {
  const fields = (Object.keys(model.form.errors) as Field[]).filter((f) => model.form.errors[f] !== undefined);
  if (fields.length === 0 && model.notice === undefined) return html``;
  return html`<div class="notice" role="alert" data-testid="notice">
<h2>${fields.length > 0 ? "Please check the form" : "Something went wrong"}</h2>
${model.notice === undefined ? "" : html`<p>${model.notice}</p>`}
${fields.length === 0 ? "" : html`<ul>${fields.map((f) => html`<li><a href="#${f}">${LABELS[f]}: ${model.form.errors[f]}</a></li>`)}</ul>`}
</div>`;
}

function form(model: PageModel): SafeHtml {
  const { values } = model.form;
  const swapped = queryString({ amount: values.amount, from: values.to, to: values.from, date: values.date });
  return html`<form class="card converter" method="get" action="/" novalidate data-testid="converter-form">
<div class="field amount-row">
<label for="amount">${LABELS.amount}</label>
<input id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off" required value="${values.amount}"${errorAttributes(model, "amount")}>
${fieldError(model, "amount")}</div>
${currencySelect(model, "from")}
<a class="swap" href="/${swapped}" aria-label="Swap the currencies" title="Swap the currencies">⇄</a>
${currencySelect(model, "to")}
<div class="field date-row">
<label for="date">${LABELS.date}</label>
<input id="date" name="date" type="date" min="1999-01-04" value="${values.date}"${errorAttributes(model, "date", "date-hint")}>
<p class="hint" id="date-hint">Leave empty for the latest ECB rates. Weekends and holidays use the previous business day.</p>
${fieldError(model, "date")}</div>
<div class="actions"><button type="submit">Convert</button></div>
</form>`;
}

function result(model: PageModel): SafeHtml {
  if (model.result === undefined) return html``;
  const { conversion: c } = model.result;
  const asked = model.form.values.date;
  const shifted = asked !== "" && asked !== c.date;
  const link = queryString({ amount: model.form.values.amount, from: c.from, to: c.to, date: asked });
  return html`<section class="card result" aria-labelledby="result-title" data-testid="result">
<h2 id="result-title">Result</h2>
<p class="result-line"><span data-testid="result-amount">${groupDigits(c.amount)} ${c.from}</span> = <strong data-testid="result-value">${groupDigits(c.result)} ${c.to}</strong></p>
<p class="result-meta" data-testid="result-rate">1 ${c.from} = ${c.rate} ${c.to} · ECB reference rate of <time datetime="${c.date}">${formatDay(c.date)}</time></p>
${shifted ? html`<p class="result-meta">No rates were published on ${formatDay(asked)}; the previous business day is used.</p>` : ""}
<p class="result-meta"><a href="/${link}">Link to this result</a>
<button type="button" class="copy-link" data-copy-link="/${link}" aria-describedby="copy-status" hidden>Copy link</button></p>
<p class="result-meta copy-status" id="copy-status" role="status"></p>
</section>`;
}

function chart(model: PageModel): SafeHtml {
  const c = model.chart;
  if (c === undefined) return html``;
  const heading = html`<h2 id="chart-heading">${c.from} → ${c.to}, last 90 business days</h2>`;
  if ("unavailable" in c) {
    return html`<section class="card chart-card" aria-labelledby="chart-heading">${heading}<p class="chart-summary">${c.unavailable}</p></section>`;
  }
  const summary = summarize(c.points);
  return html`<section class="card chart-card" aria-labelledby="chart-heading">${heading}
${summary === undefined ? "" : html`<p class="chart-summary">${summary.last.rate} on ${formatDay(summary.last.date)} · ${formatPercent(summary.changePercent)} since ${formatDay(summary.first.date)} · low ${summary.low.rate}, high ${summary.high.rate}</p>`}
${renderChart(c.points, c)}
${c.points.length === 0 ? "" : html`<details><summary>Show the rates as a table</summary><table><thead><tr><th scope="col">Day</th><th scope="col">1 ${c.from} in ${c.to}</th></tr></thead><tbody>${[...c.points].reverse().map((p) => html`<tr><td>${p.date}</td><td>${p.rate}</td></tr>`)}</tbody></table></details>`}
</section>`;
}

/** The whole page as one HTML string. Pure: the same model always renders the same bytes. */
export function renderPage(model: PageModel): string {
  const title = model.result === undefined ? "Currency converter · forex-mesh" : `${model.result.conversion.from} → ${model.result.conversion.to} · forex-mesh`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="Convert between currencies at the European Central Bank's reference rates.">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='8' fill='%231d5bbf'/%3E%3C/svg%3E">
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to the converter</a>
<header class="site-header">
<a class="brand" href="/">forex<span>·</span>mesh</a>
<span class="badge" data-testid="version-badge" title="The version of forex-web that served this page">version ${model.version}</span>
</header>
<main id="main">
<h1>Currency converter</h1>
<p class="lede">Exact conversions at the European Central Bank's daily reference rates.</p>
${errorSummary(model)}
${form(model)}
${result(model)}
${chart(model)}
</main>
<footer class="site-footer">
<p>Rates: ECB euro foreign exchange reference rates, published on TARGET business days around 16:00 CET, for information only.
Served by forex-web ${model.version}${model.result?.servedBy === undefined ? "" : html`, converted by forex-converter ${model.result.servedBy}`}.</p>
</footer>
</body>
</html>
`.toString();
}
