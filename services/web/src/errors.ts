import { ErrorCodes } from "@forex-mesh/service-kit";

/**
 * Stable error codes of forex-web. The page itself never shows a code or a stack: people get a
 * sentence. Codes appear in logs and in the JSON errors of the non-page routes.
 */
export const WebErrorCodes = {
  ...ErrorCodes,
  /** The converter or forex-rate answered something the page cannot use. */
  backendBadAnswer: "BACKEND_BAD_ANSWER",
  /** `GET /api/convert`: the query failed the same checks as the page's form. */
  invalidInput: "INVALID_INPUT",
  /** `GET /api/convert`: forex-converter refused the input (its 4xx, status kept). */
  conversionRefused: "CONVERSION_REFUSED",
} as const;
