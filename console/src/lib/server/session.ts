/**
 * @module session: the signed session cookie. Its value is `<expiresAtMs>.<hmac>`, HMAC-SHA256 over
 * the expiry with the configured secret (Web Crypto, so it works in any Next runtime). There is one
 * operator role, so the cookie carries no identity: holding a valid signature is the session.
 */
export const SESSION_COOKIE = "forex_console_session";

const encoder = new TextEncoder();

// Every request verifies its session: import the key once per secret, not once per request.
const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size > 4) keys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

async function hmac(secret: string, data: string): Promise<string> {
  const key = await hmacKey(secret);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
  return Buffer.from(sig).toString("base64url");
}

export async function signSession(secret: string, expiresAt: number): Promise<string> {
  const exp = String(Math.floor(expiresAt));
  return `${exp}.${await hmac(secret, exp)}`;
}

/** True when `value` was signed with `secret` and has not expired at `now`. */
export async function verifySession(secret: string, value: string | undefined, now: number): Promise<boolean> {
  if (!value) return false;
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return false;
  const [, exp, sig] = match as unknown as [string, string, string];
  if (Number(exp) <= now) return false;
  return timingSafeEqual(sig, await hmac(secret, exp));
}

/** Constant-time comparison, so a forged signature cannot be found byte by byte. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Set-Cookie attributes: HttpOnly so scripts cannot read it, SameSite=Lax so other sites' forms don't carry it. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}${secure ? "; Secure" : ""}`;
}

/** Same-site (CSRF) decision for a mutation, from the request's method and headers. */
export function isSameOrigin(method: string, headers: { get(name: string): string | null }, host: string | null): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return true;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite === "same-origin";
  // Browsers without Fetch Metadata still send Origin on cross-origin POST/PUT/DELETE.
  const origin = headers.get("origin");
  if (origin === null || host === null) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
