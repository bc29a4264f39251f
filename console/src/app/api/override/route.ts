import { DEFAULT_OVERRIDE_COOKIE, parseRouteTable, routeKey, splitEntrySchema } from "@forex-mesh/routing";
import { z } from "zod";
import { backends } from "../../../lib/server/context";
import { errorResponse } from "../../../lib/server/errors";
import { jsonBody, parseInput, serviceName } from "../../../lib/server/input";
import { refuseOtherMethods } from "../../../lib/server/methods";

const body = z.strictObject({ service: serviceName, version: splitEntrySchema.shape.version.min(1, "name a version") });

/**
 * "Try this version in my browser": sets the override cookie the sidecars honour. The cookie name is
 * the service's table's (`override.cookie`), else the default. Not HttpOnly-sensitive: it is routing, not identity.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const input = parseInput(body, await jsonBody(request), "override");
    const kv = await backends().kvGet(routeKey(input.service));
    const parsed = kv ? parseRouteTable(kv.value) : null;
    const cookie = (parsed?.ok ? parsed.value.override?.cookie : undefined) ?? DEFAULT_OVERRIDE_COOKIE;
    return Response.json(
      { cookie, version: input.version },
      { headers: { "set-cookie": `${cookie}=${input.version}; Path=/; SameSite=Lax; Max-Age=3600` } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
