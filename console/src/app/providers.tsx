"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import type { PublicConfig } from "../lib/server/config";
import { getQueryClient } from "./get-query-client";

const PublicConfigContext = createContext<PublicConfig>({ pollMs: 3_000 });
export const usePublicConfig = () => useContext(PublicConfigContext);

export function Providers({ children, config }: { children: ReactNode; config: PublicConfig }) {
  return (
    <PublicConfigContext.Provider value={config}>
      <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>
    </PublicConfigContext.Provider>
  );
}
