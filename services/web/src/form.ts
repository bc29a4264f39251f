/** The converter form: what the page's query string says, and what is wrong with it. Pure. */

export interface FormValues {
  amount: string;
  from: string;
  to: string;
  date: string;
}

export type Field = keyof FormValues;
export const FIELDS: readonly Field[] = ["amount", "from", "to", "date"];

export interface FormState {
  /** As typed (trimmed), for re-rendering the form exactly as the person left it. */
  values: FormValues;
  /** True when the query carries any form field: the person asked for a conversion. */
  submitted: boolean;
  errors: Partial<Record<Field, string>>;
  /** The amount as sent to forex-converter (thousands separators removed). */
  amount: string;
}

export const DEFAULT_VALUES: Readonly<FormValues> = { amount: "100", from: "EUR", to: "USD", date: "" };
/** The first day of ECB euro reference rates. */
export const FIRST_RATE_DAY = "1999-01-04";

const MAX_FIELD_LENGTH = 100;
const PLAIN_AMOUNT = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED_AMOUNT = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const CODE = /^[A-Za-z]{3}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function first(value: unknown): string | undefined {
  const chosen = Array.isArray(value) ? value[0] : value;
  return typeof chosen === "string" ? chosen.trim().slice(0, MAX_FIELD_LENGTH) : undefined;
}

/** "1,234.5" → "1234.5" (a person's thousands separators); anything else unchanged. */
export function normalizeAmount(text: string): string {
  const compact = text.replace(/\s+/g, "");
  return GROUPED_AMOUNT.test(compact) ? compact.replaceAll(",", "") : compact;
}

/**
 * Reads the page's query. Checks only what a person most often gets wrong, so the message can be
 * specific and immediate; forex-converter stays the authority (its field errors land beside the
 * same fields).
 */
export function readForm(query: Record<string, unknown>): FormState {
  const present = FIELDS.filter((field) => first(query[field]) !== undefined);
  const submitted = present.length > 0;
  const values: FormValues = submitted
    ? {
        amount: first(query.amount) ?? "",
        from: (first(query.from) ?? "").toUpperCase(),
        to: (first(query.to) ?? "").toUpperCase(),
        date: first(query.date) ?? "",
      }
    : { ...DEFAULT_VALUES };
  const errors: Partial<Record<Field, string>> = {};
  const amount = normalizeAmount(values.amount);
  if (submitted) {
    if (amount === "") errors.amount = "Enter an amount to convert.";
    else if (!PLAIN_AMOUNT.test(amount)) errors.amount = "Enter the amount as a number, like 100 or 1250.50.";
    else if (!/[1-9]/.test(amount)) errors.amount = "Enter an amount greater than zero.";
    if (!CODE.test(values.from)) errors.from = "Choose the currency to convert from.";
    if (!CODE.test(values.to)) errors.to = "Choose the currency to convert to.";
    if (values.date !== "" && !DAY.test(values.date)) errors.date = "Enter the date as YYYY-MM-DD, or leave it empty for the latest rates.";
    else if (values.date !== "" && values.date < FIRST_RATE_DAY) errors.date = "ECB reference rates start on 4 January 1999.";
  }
  return { values, submitted, errors, amount };
}

export function hasErrors(state: Pick<FormState, "errors">): boolean {
  return Object.keys(state.errors).length > 0;
}

export function isField(name: string | undefined): name is Field {
  return name !== undefined && (FIELDS as readonly string[]).includes(name);
}
