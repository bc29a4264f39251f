/** @module @forex-mesh/console: the Next.js app is the product; these are its pure, reusable view models. */
export { type Graph, type GraphEdge, type GraphNode, toGraph } from "./lib/view/graph";
export { convergence, planWeight, targetVersion } from "./lib/view/routing";
export { type Chart, toSeries } from "./lib/view/series";
