/**
 * @module consul/keys: field access that accepts the spellings Consul's decoder accepts.
 * Register bodies may use PascalCase (`DeregisterCriticalServiceAfter`) or snake_case
 * (`deregister_critical_service_after`); Consul matches both, case-insensitively.
 */
export type Json = Record<string, unknown>;

const fold = (key: string): string => key.replaceAll("_", "").toLowerCase();

/** The value of `name` in `obj` under any accepted spelling. */
export function pick(obj: Json, name: string): unknown {
  if (name in obj) return obj[name];
  const want = fold(name);
  for (const [key, value] of Object.entries(obj)) if (fold(key) === want) return value;
  return undefined;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
