/**
 * @module Which services or edges a recording rule's answer leaves out. A record's level is the
 * prefix of its name (the Prometheus naming convention `level:metric:operations`), and the level says
 * which label set every series must carry and which values the deployed mesh must produce.
 */
import { EDGES, SCRAPED, SERVICES } from "./mesh.js";

type Labels = Record<string, string>;

/** The keys a record must cover in this mesh, each as `label=value,…`; undefined for an unknown level. */
export function expectedKeys(record: string): string[] | undefined {
  const level = record.slice(0, record.indexOf(":"));
  switch (level) {
    case "service":
      // Every scraped proxy answers its scrape; only the three services answer requests or are called.
      return (record === "service:up:sum" ? SCRAPED : SERVICES).map((s) => `service=${s}`);
    case "service_version":
      return SERVICES.map((s) => `service=${s}`);
    case "edge":
    case "edge_version":
      return EDGES.map((e) => `service=${e.service},dst_service=${e.dst_service}`);
    case "dst_service":
      return SERVICES.map((s) => `dst_service=${s}`);
    default:
      return undefined;
  }
}

/** The label each series of a level must have non-empty besides those in its key (a version). */
function versionLabel(record: string): string | undefined {
  if (record.startsWith("service_version:")) return "version";
  if (record.startsWith("edge_version:")) return "dst_version";
  return undefined;
}

function keyOf(key: string, labels: Labels): string {
  return key
    .split(",")
    .map((part) => {
      const name = part.slice(0, part.indexOf("="));
      return `${name}=${labels[name] ?? ""}`;
    })
    .join(",");
}

/** The expected keys no series (with a non-empty version where the level has one) stands for. */
export function missingKeys(record: string, series: readonly Labels[]): string[] {
  const expected = expectedKeys(record);
  if (expected === undefined) return [`unknown level of ${record}`];
  const version = versionLabel(record);
  const usable = series.filter((s) => version === undefined || (s[version] ?? "") !== "");
  return expected.filter((key) => !usable.some((s) => keyOf(key, s) === key));
}
