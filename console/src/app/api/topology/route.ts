import { readBackends, sharedAnswer } from "../../../lib/server/context";
import { errorResponse } from "../../../lib/server/errors";
import { topology } from "../../../lib/server/mesh";
import { refuseOtherMethods } from "../../../lib/server/methods";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json(await sharedAnswer("topology", () => topology(readBackends(), Date.now())));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
