/**
 * @module parse-xml: the ECB "gesmes" XML (eurofxref-daily.xml, -hist-90d.xml, -hist.xml).
 * Three levels of `Cube` in the eurofxref namespace: a wrapper, one `Cube time=…` per day, one
 * `Cube currency=… rate=…` per quote. The namespace is resolved from the document's own `xmlns`
 * declarations, so a copy that binds it to a prefix (`<ecb:Cube>`) parses too, and a document whose
 * `Cube`s are in another namespace is refused.
 */
import { XMLParser } from "fast-xml-parser";
import { RatesFormatError } from "../errors.js";
import type { DayRates } from "./rate-table.js";

export const EUROFXREF_NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

export function parseEcbXml(text: string): DayRates[] {
  let document: XmlNode;
  try {
    document = parser.parse(text, true) as XmlNode;
  } catch (cause) {
    throw new RatesFormatError(`not well-formed XML: ${(cause as Error).message}`, { cause });
  }
  const [rootName, rootValue] = Object.entries(document)[0] ?? [];
  const root = (rootValue as XmlNode[] | undefined)?.[0];
  if (rootName === undefined || root === undefined) throw new RatesFormatError("XML has no root element");
  const cube = cubeName(root);
  const days: DayRates[] = [];
  for (const wrapper of children(root, cube)) {
    for (const day of children(wrapper, cube)) {
      const date = day["@_time"];
      if (typeof date !== "string") throw new RatesFormatError("a day Cube has no time attribute");
      const rates: Record<string, string> = {};
      for (const quote of children(day, cube)) {
        const currency = quote["@_currency"];
        const rate = quote["@_rate"];
        if (typeof currency !== "string" || typeof rate !== "string") {
          throw new RatesFormatError(`a Cube on ${date} lacks currency or rate`);
        }
        rates[currency.trim()] = rate.trim();
      }
      days.push({ date: date.trim(), rates });
    }
  }
  if (days.length === 0) throw new RatesFormatError("XML holds no Cube time=… days in the eurofxref namespace");
  return days;
}

/** The element name `Cube` has in this document: `Cube` under a default namespace, or `p:Cube`. */
function cubeName(root: XmlNode): string {
  for (const [key, value] of Object.entries(root)) {
    if (value !== EUROFXREF_NS) continue;
    if (key === "@_xmlns") return "Cube";
    if (key.startsWith("@_xmlns:")) return `${key.slice("@_xmlns:".length)}:Cube`;
  }
  throw new RatesFormatError(`XML root does not declare the eurofxref namespace ${EUROFXREF_NS}`);
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value.filter((v) => typeof v === "object" && v !== null) as XmlNode[]) : [];
}
