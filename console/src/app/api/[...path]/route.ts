// Any /api path no route serves: a JSON 404 like every other API error (Next's own 404 is an HTML
// page). More specific routes win over this catch-all, so it sees only unknown paths.
import { ConsoleError, ConsoleErrorCode, errorResponse } from "../../../lib/server/errors";

export const dynamic = "force-dynamic";

function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new ConsoleError(ConsoleErrorCode.NotFound, `no API route ${request.method} ${pathname}`));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
