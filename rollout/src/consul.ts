/**
 * @module A small Consul KV client: what the controller needs and nothing more. Values are read
 * with their ModifyIndex so every write can be a check-and-set; the prefix watch is a blocking query.
 */
import { RolloutError, RolloutErrorCode } from "./errors.js";

export interface KvEntry {
  key: string;
  value: string;
  modifyIndex: number;
}

export interface KvList {
  entries: KvEntry[];
  /** X-Consul-Index, for the next blocking query. */
  index: number;
}

export interface ConsulKv {
  get(key: string): Promise<KvEntry | null>;
  /** Every key under `prefix`; with `index`, blocks until the prefix changes past it or `waitSeconds` pass. */
  list(prefix: string, options?: { index?: number; waitSeconds?: number; signal?: AbortSignal }): Promise<KvList>;
  /** Check-and-set (`cas` 0: the key must not exist); false when another writer changed it first. */
  put(key: string, value: string, cas: number): Promise<boolean>;
}

/**
 * The ModifyIndex a successful check-and-set `put` of `value` got. Consul's PUT answers only
 * true/false, so the key is read back; the index is ours only while the key still holds our value
 * (another writer may have written in between, and its index must not pass for ours).
 */
export async function indexOfWrite(kv: Pick<ConsulKv, "get">, key: string, value: string): Promise<number | undefined> {
  const after = await kv.get(key);
  return after?.value === value ? after.modifyIndex : undefined;
}

interface RawEntry {
  Key: string;
  Value: string | null;
  ModifyIndex: number;
}

const decode = (e: RawEntry): KvEntry => ({
  key: e.Key,
  value: e.Value === null ? "" : Buffer.from(e.Value, "base64").toString("utf8"),
  modifyIndex: e.ModifyIndex,
});

export function createConsulKv(address: string, token: string | undefined, fetchImpl: typeof fetch = fetch): ConsulKv {
  const headers: Record<string, string> = token ? { "x-consul-token": token } : {};
  async function call(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetchImpl(url, { ...init, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      throw new RolloutError(RolloutErrorCode.Consul, `Consul unreachable at ${address}: ${(error as Error).message}`, { cause: error });
    }
  }
  const refuse = async (res: Response, what: string): Promise<never> => {
    throw new RolloutError(RolloutErrorCode.Consul, `Consul ${what} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  };
  const keyUrl = (key: string) => `${address}/v1/kv/${key.split("/").map(encodeURIComponent).join("/")}`;
  return {
    async get(key) {
      const res = await call(keyUrl(key), {}, 5_000);
      if (res.status === 404) return null;
      if (!res.ok) return refuse(res, `GET ${key}`);
      const [entry] = (await res.json()) as RawEntry[];
      return entry ? decode(entry) : null;
    },
    async list(prefix, { index, waitSeconds = 30, signal } = {}) {
      const params = new URLSearchParams({ recurse: "true" });
      if (index !== undefined) {
        params.set("index", String(index));
        params.set("wait", `${waitSeconds}s`);
      }
      // Consul adds up to wait/16 of jitter; a few seconds more before giving up on it.
      const res = await call(`${keyUrl(prefix)}?${params}`, {}, (index === undefined ? 5 : waitSeconds + waitSeconds / 16 + 5) * 1000, signal);
      const next = Number(res.headers.get("x-consul-index") ?? 0);
      if (res.status === 404) return { entries: [], index: next };
      if (!res.ok) return refuse(res, `GET ${prefix}?recurse`);
      return { entries: ((await res.json()) as RawEntry[]).map(decode), index: next };
    },
    async put(key, value, cas) {
      const res = await call(`${keyUrl(key)}?cas=${cas}`, { method: "PUT", body: value }, 5_000);
      if (!res.ok) return refuse(res, `PUT ${key}`);
      return (await res.text()).trim() === "true";
    },
  };
}
