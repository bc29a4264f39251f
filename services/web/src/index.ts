/** @module @forex-mesh/web: forex-web, the server-rendered end-user page. */
export { createApp, type WebDeps } from "./app.js";
export { type Backends, type Conversion, type Currency, createBackends } from "./backends.js";
export { loadWebConfig, type WebConfig, webEnv } from "./config.js";
export { cachedCurrencies } from "./currency-cache.js";
export { WebErrorCodes } from "./errors.js";
export { readForm } from "./form.js";
export { buildPage, type PageModel } from "./page-model.js";
export { escapeHtml, html, raw } from "./render/html.js";
export { renderPage } from "./render/page.js";
