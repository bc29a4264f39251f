/** Debian's Chromium driven by playwright-core (never a downloaded browser); a missing one is a failure, not a skip. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
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

/** Signs in with the password `up` printed and waits for the topology. */
export async function signIn(page: Page, consoleUrl: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Topology" }).waitFor();
}

/** Headers for calling the console's API as this browser's session from the same origin (what the proxy scenario's own calls do). */
export async function apiHeaders(context: BrowserContext, consoleUrl: string): Promise<Record<string, string>> {
  const session = (await context.cookies(consoleUrl)).find((c) => c.name === "forex_console_session");
  if (!session) throw new Error("no console session in this browser");
  return { cookie: `${session.name}=${session.value}`, origin: consoleUrl, "content-type": "application/json" };
}
