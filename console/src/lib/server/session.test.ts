import assert from "node:assert/strict";
import { test } from "node:test";
import { isSameOrigin, sessionCookie, signSession, verifySession } from "./session";

const secret = "0123456789abcdef0123456789abcdef";
const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });

test("a signed session verifies until it expires", async () => {
  const value = await signSession(secret, 10_000);
  assert.equal(await verifySession(secret, value, 9_999), true);
  assert.equal(await verifySession(secret, value, 10_000), false);
});

test("a session signed with another secret, tampered or malformed does not verify", async () => {
  const value = await signSession(secret, 10_000);
  assert.equal(await verifySession(`${secret}x`, value, 0), false);
  assert.equal(await verifySession(secret, value.replace(/^10000/, "99999"), 0), false, "extending the expiry breaks the signature");
  assert.equal(await verifySession(secret, undefined, 0), false);
  assert.equal(await verifySession(secret, "garbage", 0), false);
});

test("the cookie is HttpOnly and SameSite", () => {
  assert.equal(sessionCookie("v", 3600, false), "forex_console_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600");
  assert.match(sessionCookie("v", 1, true), /; Secure$/);
});

test("isSameOrigin: Fetch Metadata first, then Origin against Host; reads always pass", () => {
  assert.equal(isSameOrigin("GET", headers({ "sec-fetch-site": "cross-site" }), "a:1"), true);
  assert.equal(isSameOrigin("PUT", headers({ "sec-fetch-site": "same-origin" }), "a:1"), true);
  assert.equal(isSameOrigin("PUT", headers({ "sec-fetch-site": "same-site" }), "a:1"), false);
  assert.equal(isSameOrigin("POST", headers({ origin: "http://a:1" }), "a:1"), true);
  assert.equal(isSameOrigin("POST", headers({ origin: "http://evil:1" }), "a:1"), false);
  assert.equal(isSameOrigin("POST", headers({}), "a:1"), false, "no evidence of the origin: refused");
});
