import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { loadPublicConfig } from "../lib/server/config";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = { title: "forex-mesh console" };
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = loadPublicConfig(process.env);
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            <span className="logo" aria-hidden="true">◆</span> forex-mesh <span className="brand-sub">console</span>
          </Link>
          <nav>
            <Link href="/">Topology</Link>
          </nav>
        </header>
        <main>
          <Providers config={config}>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
