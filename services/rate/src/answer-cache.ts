/**
 * @module answer-cache: answers are a pure function of (path, query, rate table), and the table
 * changes at most once a day, so a successful answer is kept until the table is replaced. Bounded;
 * the oldest entry goes first. Errors are not cached (they are cheap and carry no computation).
 */
export interface AnswerCache<T> {
  get(table: T, key: string, compute: () => string | undefined): string | undefined;
}

export function createAnswerCache<T>(maxEntries = 4096): AnswerCache<T> {
  let forTable: T | undefined;
  const answers = new Map<string, string>();
  return {
    get(table, key, compute) {
      if (table !== forTable) {
        answers.clear();
        forTable = table;
      }
      const hit = answers.get(key);
      if (hit !== undefined) return hit;
      const body = compute();
      if (body === undefined) return undefined;
      if (answers.size >= maxEntries) answers.delete(answers.keys().next().value as string);
      answers.set(key, body);
      return body;
    },
  };
}
