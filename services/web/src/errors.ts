import { ErrorCodes } from "@forex-mesh/service-kit";

/**
 * Stable error codes of forex-web. The page itself never shows a code or a stack: people get a
 * sentence. Codes appear in logs and in the JSON errors of the non-page routes.
 */
export const WebErrorCodes = {
  ...ErrorCodes,
  /** The converter or forex-rate answered something the page cannot use. */
  backendBadAnswer: "BACKEND_BAD_ANSWER",
} as const;
