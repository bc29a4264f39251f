/** Debian's Chromium driven by playwright-core (never a downloaded browser); a missing one is a failure, not a skip. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { consoleDir } from "./system";

export const CHROMIUM = "/usr/bin/chromium";
export const RESULTS_DIR = join(consoleDir, "test-results");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
  await mkdir(RESULTS_DIR, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), "forex-console-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1360, height: 900 }, timeout: 30_000 });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export const screenshot = (name: string) => join(RESULTS_DIR, `${name}.png`);
