/**
 * ISO 4217 minor units ("exponent"): how many decimals an amount in the currency is written with.
 * Source: the ISO 4217 list A.1 (current) and A.3 (historic), as maintained by SIX.
 * Every currency the ECB has ever quoted is here (the euro-legacy and replaced currencies too:
 * CYP, EEK, HRK, LTL, LVL, MTL, ROL, SIT, SKK, TRL), so a conversion on an old date still rounds
 * the way that currency was written. Funds and metals without minor units (XAU, XDR, …) are left
 * out: nobody converts a cash amount into them here.
 */

const ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF TRL UGX UYI VND VUV XAF XOF XPF";
const THREE = "BHD IQD JOD KWD LYD OMR TND";
const FOUR = "CLF UYW";
const TWO = [
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD",
  "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CYP CZK DKK DOP DZD EEK EGP ERN ETB EUR FJD FKP GBP",
  "GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP",
  "LKR LRD LSL LTL LVL MAD MDL MGA MKD MMK MNT MOP MRU MTL MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO",
  "NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR ROL RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SIT SKK SLE",
  "SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD",
  "XCG YER ZAR ZMW ZWG",
].join(" ");

function table(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  const add = (codes: string, units: number): void => {
    for (const code of codes.split(/\s+/)) {
      if (map.has(code)) throw new Error(`${code} is listed twice in the ISO 4217 table`);
      map.set(code, units);
    }
  };
  add(ZERO, 0);
  add(TWO, 2);
  add(THREE, 3);
  add(FOUR, 4);
  return map;
}

const MINOR_UNITS = table();

/** The number of decimals for `code`, or undefined when it is not an ISO 4217 cash currency. */
export function minorUnits(code: string): number | undefined {
  return MINOR_UNITS.get(code);
}

/** Every currency code the table knows, sorted. */
export function knownCurrencies(): string[] {
  return [...MINOR_UNITS.keys()].sort();
}
