/**
 * @module consul/filter: the subset of go-bexpr (`?filter=`) our clients use, evaluated against the
 * JSON an endpoint returns. Supported: `==`, `!=`, `in`, `not in`, `contains`, `not contains`,
 * `matches`, `not matches`, `is empty`, `is not empty`, `and`, `or`, `not`, parentheses; selectors
 * like `Service.Meta.version` or `Service.Meta["a.b"]`; values as "quoted", `raw`, numbers or bare
 * words. https://github.com/hashicorp/go-bexpr
 */
export type Predicate = (item: unknown) => boolean;
export type FilterResult = { ok: true; predicate: Predicate } | { ok: false; error: string };

type Token = { kind: "word" | "string" | "op" | "paren"; text: string };
const TOKEN = /\s*(?:(\(|\))|("(?:[^"\\]|\\.)*"|`[^`]*`)|(==|!=)|(\[\s*"(?:[^"\\]|\\.)*"\s*\])|([^\s()"`=![\]]+))/y;

export function compileFilter(source: string): FilterResult {
  try {
    const parser = new Parser(tokenize(source));
    const predicate = parser.parseOr();
    if (!parser.done()) throw new Error(`unexpected "${parser.peek()?.text}"`);
    return { ok: true, predicate };
  } catch (error) {
    return { ok: false, error: `Failed to create boolean expression evaluator: ${(error as Error).message}` };
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(source);
    if (m === null) throw new Error(`cannot parse at offset ${TOKEN.lastIndex}`);
    if (m[1]) tokens.push({ kind: "paren", text: m[1] });
    else if (m[2]) tokens.push({ kind: "string", text: unquote(m[2]) });
    else if (m[3]) tokens.push({ kind: "op", text: m[3] });
    else if (m[4]) {
      const last = tokens.at(-1);
      if (last?.kind !== "word") throw new Error("index without a selector");
      // NUL separates an indexed segment, which may itself contain dots.
      last.text += `\u0000${unquote(m[4].slice(1, -1).trim())}`;
    } else if (m[5]) tokens.push({ kind: "word", text: m[5] });
  }
  return tokens;
}

function unquote(text: string): string {
  return text.startsWith("`") ? text.slice(1, -1) : (JSON.parse(text) as string);
}

class Parser {
  #pos = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.#pos + offset];
  }
  done(): boolean {
    return this.#pos >= this.tokens.length;
  }
  #next(): Token {
    const t = this.tokens[this.#pos++];
    if (t === undefined) throw new Error("unexpected end of expression");
    return t;
  }
  #isWord(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === "word" && t.text === text;
  }
  parseOr(): Predicate {
    let left = this.parseAnd();
    while (this.#isWord("or")) {
      this.#pos++;
      const a = left;
      const b = this.parseAnd();
      left = (x) => a(x) || b(x);
    }
    return left;
  }
  parseAnd(): Predicate {
    let left = this.parseNot();
    while (this.#isWord("and")) {
      this.#pos++;
      const a = left;
      const b = this.parseNot();
      left = (x) => a(x) && b(x);
    }
    return left;
  }
  parseNot(): Predicate {
    if (this.#isWord("not")) {
      this.#pos++;
      const inner = this.parseNot();
      return (x) => !inner(x);
    }
    if (this.peek()?.text === "(" && this.peek()?.kind === "paren") {
      this.#pos++;
      const inner = this.parseOr();
      if (this.#next().text !== ")") throw new Error("missing )");
      return inner;
    }
    return this.parseMatch();
  }
  parseMatch(): Predicate {
    const first = this.#next();
    // `"value" in Selector` / `"value" not in Selector`
    const negated = this.#isWord("not") && this.#isWord("in", 1);
    if (negated || this.#isWord("in")) {
      this.#pos += negated ? 2 : 1;
      const selector = this.#next();
      if (selector.kind !== "word") throw new Error("expected a selector after in");
      const test = (x: unknown): boolean => contains(resolve(x, selector.text), first.text);
      return negated ? (x) => !test(x) : test;
    }
    if (first.kind !== "word") throw new Error(`expected a selector, got "${first.text}"`);
    const path = first.text;
    const op = this.#next();
    if (op.kind === "op") {
      const value = this.#next().text;
      return op.text === "==" ? (x) => equals(resolve(x, path), value) : (x) => !equals(resolve(x, path), value);
    }
    if (op.text === "is") {
      const not = this.#isWord("not");
      if (not) this.#pos++;
      if (this.#next().text !== "empty") throw new Error("expected empty after is");
      return (x) => isEmpty(resolve(x, path)) !== not;
    }
    const not = op.text === "not";
    const verb = not ? this.#next().text : op.text;
    const value = this.#next().text;
    let test: Predicate;
    if (verb === "contains") test = (x) => contains(resolve(x, path), value);
    else if (verb === "matches") {
      const re = new RegExp(value);
      test = (x) => re.test(String(resolve(x, path) ?? ""));
    } else throw new Error(`unknown operator "${verb}"`);
    return not ? (x) => !test(x) : test;
  }
}

function resolve(item: unknown, path: string): unknown {
  let current = item;
  const [dotted = "", ...indexed] = path.split("\u0000");
  for (const part of [...dotted.split("."), ...indexed]) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function equals(actual: unknown, value: string): boolean {
  if (actual === undefined || actual === null) return false;
  return String(actual) === value;
}

function contains(container: unknown, value: string): boolean {
  if (Array.isArray(container)) return container.some((v) => String(v) === value);
  if (typeof container === "string") return container.includes(value);
  if (container !== null && typeof container === "object") return Object.hasOwn(container, value);
  return false;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}
