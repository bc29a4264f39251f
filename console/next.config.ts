import type { NextConfig } from "next";

const config: NextConfig = {
  // `pnpm typecheck` (tsc 7) checks the code; Next's own pass would run the older compiler API.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // The API's answers are live (never cached) and small (0.1–7 KB): gzipping each one cost a quarter
  // of the console's CPU under 20 polling clients (README, bench:console). `no-transform` makes
  // Next's compression pass them by; pages and static assets are still compressed.
  async headers() {
    return [{ source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store, no-transform" }] }];
  },
};

export default config;
