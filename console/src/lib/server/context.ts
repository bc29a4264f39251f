/** @module context: the backends built once from the config (on `globalThis`, see runtime.ts). */
import { type Backends, createBackends } from "./backends";
import { serverConfig } from "./runtime";

const KEY = Symbol.for("forex-mesh.console.backends");
type Holder = { [KEY]?: Backends };

export function backends(): Backends {
  const holder = globalThis as Holder;
  holder[KEY] ??= createBackends(serverConfig());
  return holder[KEY];
}
