/**
 * @module What the proxy needs from service discovery, behind an interface so the core does not
 * know it talks to Consul (and a test can feed instances directly).
 */

export interface Instance {
  /** Consul service ID: stable across re-registrations of the same allocation. */
  id: string;
  address: string;
  port: number;
  /** `Service.Meta.version`; "" when the instance has none. */
  version: string;
  /** Registered with the `canary` tag (Nomad's `canary_tags`). */
  canary: boolean;
}

export interface KeyValue {
  value: string;
  /** KV ModifyIndex: the revision of the routing table. */
  modifyIndex: number;
}

export interface WatchStatus {
  /** Has at least one answer arrived? */
  ready: boolean;
  /** ms since epoch of the last answer, 0 before the first. */
  lastContactAt: number;
  /** Seconds the data may be out of date because Consul is not answering (0 when fresh). */
  staleSeconds: number;
  lastError: string | undefined;
}

export interface Watch {
  status(): WatchStatus;
  stop(): void;
}

export interface Discovery {
  /** Calls `onChange` with the full passing set whenever it changes (and once at the start). */
  watchService(name: string, onChange: (instances: Instance[]) => void): Watch;
  /** Calls `onChange` with the key's value, or null when the key does not exist. */
  watchKey(key: string, onChange: (entry: KeyValue | null) => void): Watch;
}
