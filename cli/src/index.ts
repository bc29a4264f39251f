/** @module @forex-mesh/cli: the `forex-mesh` operator command. */
export { type Command, commands } from "./commands.js";
