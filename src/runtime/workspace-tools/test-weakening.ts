import { diffLines } from "./line-diff.js";

// The test-gaming detector: compares a test file before and after an edit and names every way the
// edit makes the suite easier to pass — tests deleted, tests skipped or focused, assertions removed,
// assertions swapped for weaker ones or for ones that cannot fail. It reads the text (after removing
// comments, so commenting an assertion out counts as removing it), which suits Jest, Vitest, Mocha,
// node:test and Playwright alike; it is a tripwire for the common moves, not a proof of equivalence.

export type WeakeningKind =
  | "test-deleted"
  | "skip-added"
  | "only-added"
  | "assertion-removed"
  | "assertion-weakened"
  | "assertion-tautological";

export interface Weakening {
  kind: WeakeningKind;
  /** One sentence naming what was weakened (the test title, the assertion before and after). */
  message: string;
}

const testTitle = /(?<![\w$.])(?:x|f)?(?:it|test)(?:\.[A-Za-z]+)*\s*\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;
const skipMarker =
  /(?<![\w$.])(?:(?:it|test|describe|suite|context)(?:\.[A-Za-z]+)*\.(?:skip|skipIf|todo|fixme)\b|x(?:it|test|describe|context)\s*\(|this\.skip\s*\()/g;
const onlyMarker =
  /(?<![\w$.])(?:(?:it|test|describe|suite|context)(?:\.[A-Za-z]+)*\.only\b|f(?:it|describe)\s*\()/g;
const assertion = /(?<![\w$])(?:expect(?:\.soft)?\s*\(|assert(?:\.[A-Za-z]+)?\s*\(|\.should\b)/g;
const weakMatcher =
  /\.(?:toBeDefined|toBeTruthy|toBeFalsy|not\.toBeNull|not\.toBeUndefined|toBeInstanceOf)\s*\(|expect\.any(?:thing)?\s*\(|\.toThrow\s*\(\s*\)|\.ok\s*\(/g;
const strongMatcher =
  /\.(?:toBe|toEqual|toStrictEqual|toMatchObject|toMatch|toContain|toContainEqual|toHaveLength|toHaveProperty|toHaveBeenCalledWith|toHaveBeenCalledTimes|toHaveBeenLastCalledWith|toBeCloseTo|toBeGreaterThan|toBeGreaterThanOrEqual|toBeLessThan|toBeLessThanOrEqual|toMatchSnapshot|toMatchInlineSnapshot|toThrow|toThrowError|toBeNull|toBeUndefined|toBeNaN|equal|deepEqual|strictEqual|deepStrictEqual|throws|rejects)\s*\(\s*[^)\s]/;
const strongMatchers = new RegExp(strongMatcher.source, "g");
const literalSubject = /expect\s*\(\s*(?:true|false|null|undefined|-?\d+(?:\.\d+)?|"[^"]*"|'[^']*')\s*\)/g;

/** Removes `//` and `/* *\/` comments outside string literals, so commented-out code does not count. */
export function stripComments(source: string): string {
  let output = "";
  let index = 0;
  let quote: string | undefined;
  while (index < source.length) {
    const character = source[index]!;
    const next = source[index + 1];
    if (quote) {
      output += character;
      if (character === "\\") {
        output += next ?? "";
        index += 2;
        continue;
      }
      if (character === quote) quote = undefined;
      index++;
      continue;
    }
    if (character === '"' || character === "'" || character === "`") {
      quote = character;
      output += character;
      index++;
    } else if (character === "/" && next === "/") {
      while (index < source.length && source[index] !== "\n") index++;
    } else if (character === "/" && next === "*") {
      const end = source.indexOf("*/", index + 2);
      const stop = end === -1 ? source.length : end + 2;
      // Keep the line count, so line numbers still pair up in the diff.
      output += source.slice(index, stop).replace(/[^\n]/g, "");
      index = stop;
    } else {
      output += character;
      index++;
    }
  }
  return output;
}

function count(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

function titles(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const match of text.matchAll(testTitle)) found.set(match[2]!, (found.get(match[2]!) ?? 0) + 1);
  return found;
}

function quoteLines(lines: readonly string[], limit = 3): string {
  const shown = lines.slice(0, limit).map((line) => `\`${line.trim()}\``);
  return lines.length > limit ? `${shown.join(", ")} and ${lines.length - limit} more` : shown.join(", ");
}

function deletedTests(before: string, after: string): Weakening[] {
  const old = titles(before);
  const now = titles(after);
  const total = (map: Map<string, number>) => [...map.values()].reduce((sum, value) => sum + value, 0);
  if (total(now) >= total(old)) return [];
  const gone = [...old].filter(([title, times]) => (now.get(title) ?? 0) < times).map(([title]) => title);
  const named = gone.length > 0 ? `: ${gone.map((title) => `"${title}"`).join(", ")}` : "";
  return [{ kind: "test-deleted", message: `${total(old) - total(now)} test(s) deleted${named}` }];
}

function markerAdded(
  kind: "skip-added" | "only-added",
  pattern: RegExp,
  before: string,
  after: string,
  added: string[],
) {
  const more = count(pattern, after) - count(pattern, before);
  if (more <= 0) return [];
  const lines = added.filter((line) => count(pattern, line) > 0);
  const what =
    kind === "skip-added"
      ? "skipped (skip/todo/xit/xdescribe)"
      : "focused with .only/fit (the rest stop running)";
  return [
    {
      kind,
      message: `${more} test(s) or suite(s) newly ${what}${lines.length ? `: ${quoteLines(lines)}` : ""}`,
    },
  ];
}

function subjectOf(line: string): string | undefined {
  return /expect(?:\.soft)?\s*\((.*?)\)\s*(?:\.not)?\s*\./.exec(line)?.[1]?.trim();
}

function weakenedAssertions(before: string, after: string, removed: string[], added: string[]): Weakening[] {
  const findings: Weakening[] = [];
  const fewer = count(assertion, before) - count(assertion, after);
  if (fewer > 0) {
    const lines = removed.filter((line) => count(assertion, line) > 0);
    findings.push({
      kind: "assertion-removed",
      message: `${fewer} assertion(s) removed${lines.length ? `: ${quoteLines(lines)}` : ""}`,
    });
  }
  // A swap, not an addition: a new test with a loose check is not a weakening of an old one.
  const weaker = Math.min(
    count(weakMatcher, after) - count(weakMatcher, before),
    count(strongMatchers, before) - count(strongMatchers, after),
  );
  if (weaker > 0) {
    const strongGone = removed.filter((line) => strongMatcher.test(line));
    const weakNew = added.filter((line) => count(weakMatcher, line) > 0);
    const pairs = weakNew.map((line) => {
      const was = strongGone.find(
        (old) => subjectOf(old) !== undefined && subjectOf(old) === subjectOf(line),
      );
      return was ? `\`${was.trim()}\` became \`${line.trim()}\`` : `\`${line.trim()}\``;
    });
    findings.push({
      kind: "assertion-weakened",
      message: `${weaker} assertion(s) weakened to a check that accepts almost anything: ${pairs.slice(0, 3).join(", ")}`,
    });
  }
  const tautologies = count(literalSubject, after) - count(literalSubject, before);
  if (tautologies > 0) {
    const lines = added.filter((line) => count(literalSubject, line) > 0);
    findings.push({
      kind: "assertion-tautological",
      message: `${tautologies} assertion(s) on a literal value, which cannot fail: ${quoteLines(lines)}`,
    });
  }
  return findings;
}

/** Every way the edit from `before` (null: a new file) to `after` weakens the tests in the file. */
export function findTestWeakening(before: string | null, after: string): Weakening[] {
  if (before === null) return [];
  const old = stripComments(before);
  const now = stripComments(after);
  const diff = diffLines(old, now);
  const removed = diff.removed.map((line) => line.text);
  const added = diff.added.map((line) => line.text);
  return [
    ...deletedTests(old, now),
    ...markerAdded("skip-added", skipMarker, old, now, added),
    ...markerAdded("only-added", onlyMarker, old, now, added),
    ...weakenedAssertions(old, now, removed, added),
  ];
}
