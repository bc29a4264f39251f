import { ConsoleError, ConsoleErrorCode, errorResponse } from "../../../lib/server/errors";
import { jsonBody, login, parseInput, safeNext } from "../../../lib/server/input";
import { serverConfig } from "../../../lib/server/runtime";
import { sessionCookie, signSession, timingSafeEqual } from "../../../lib/server/session";
import { refuseOtherMethods } from "../../../lib/server/methods";

/** Sign in. A form post (no JavaScript) is answered with redirects, a JSON post with JSON. */
export async function POST(request: Request): Promise<Response> {
  const form = (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  try {
    const raw = form ? Object.fromEntries(new URLSearchParams(await request.text())) : await jsonBody(request);
    const input = parseInput(login, raw, "sign-in");
    const config = serverConfig();
    if (!timingSafeEqual(input.password, config.password)) throw new ConsoleError(ConsoleErrorCode.BadCredentials, "wrong password");
    const now = Date.now();
    const value = await signSession(config.sessionSecret, now + config.sessionTtlMs);
    const secure = new URL(request.url).protocol === "https:";
    const cookie = sessionCookie(value, config.sessionTtlMs / 1000, secure);
    if (form) return new Response(null, { status: 303, headers: { location: safeNext(input.next), "set-cookie": cookie } });
    return Response.json({ ok: true }, { headers: { "set-cookie": cookie } });
  } catch (error) {
    if (form && error instanceof ConsoleError) {
      return new Response(null, { status: 303, headers: { location: `/login?error=${encodeURIComponent(error.code)}` } });
    }
    return errorResponse(error);
  }
}

/** Sign out. */
export async function DELETE(): Promise<Response> {
  return Response.json({ ok: true }, { headers: { "set-cookie": sessionCookie("", 0, false) } });
}

export const { GET, PUT, PATCH } = refuseOtherMethods("POST", "DELETE");
