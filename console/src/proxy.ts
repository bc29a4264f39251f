/**
 * Next's request proxy (formerly middleware): every page and API route needs a session; mutations
 * also need a same-origin request. Pages without a session go to /login, API calls get JSON 401/403.
 */
import { type NextRequest, NextResponse } from "next/server";
import { ConsoleError, ConsoleErrorCode } from "./lib/server/errors";
import { serverConfig } from "./lib/server/runtime";
import { isSameOrigin, SESSION_COOKIE, verifySession } from "./lib/server/session";

const PUBLIC = new Set(["/login", "/api/session"]);

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const api = pathname.startsWith("/api/");
  const mutation = !["GET", "HEAD", "OPTIONS"].includes(request.method);
  const deny = (code: ConsoleErrorCode, message: string) => {
    const e = new ConsoleError(code, message);
    return NextResponse.json(e.body(), { status: e.status });
  };
  // Login is a mutation too: a cross-site form must not log a victim into our console (login CSRF).
  if (mutation && !isSameOrigin(request.method, request.headers, request.headers.get("host"))) {
    const signedIn = await verifySession(serverConfig().sessionSecret, request.cookies.get(SESSION_COOKIE)?.value, Date.now());
    if (!signedIn && !PUBLIC.has(pathname)) return deny(ConsoleErrorCode.Unauthenticated, "sign in first");
    return deny(ConsoleErrorCode.CrossOrigin, "mutations must come from the console's own pages (same origin)");
  }
  if (PUBLIC.has(pathname)) return NextResponse.next();
  const ok = await verifySession(serverConfig().sessionSecret, request.cookies.get(SESSION_COOKIE)?.value, Date.now());
  if (ok) return NextResponse.next();
  if (api) return deny(ConsoleErrorCode.Unauthenticated, "sign in first");
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login, 303);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
