/**
 * Debian's Chromium driven by playwright-core (no downloaded browsers). A missing Chromium is a
 * failure with instructions, never a skip: the browser tests are part of the bar.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { webDir } from "./stack.js";

export const CHROMIUM = "/usr/bin/chromium";
export const RESULTS_DIR = resolve(webDir, "test-results");

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own temporary profile (playwright passes it as --user-data-dir). */
export async function launchBrowser({ javaScriptEnabled = true, bypassCSP = false } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\``);
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), "forex-web-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 900 },
    javaScriptEnabled,
    // Only for injecting the axe-core audit script; the page's own CSP forbids inline scripts.
    bypassCSP,
    timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  return join(RESULTS_DIR, `${name}.png`);
}
