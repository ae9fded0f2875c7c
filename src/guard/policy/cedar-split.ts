// Finds where each policy of a Cedar file starts and ends, so each gets an id naming its file and line
// and an error inside it maps back to the file. Run only on text Cedar has already parsed: then a `;`
// outside strings and comments always ends a policy (the grammar has no other use for it).

export interface PolicySpan {
  /** Offset of the policy's first character (its first annotation, or `permit` / `forbid`). */
  start: number;
  /** Offset just past its closing `;`. */
  end: number;
}

/** The spans of the policies in `text`, in file order. */
export function splitPolicies(text: string): PolicySpan[] {
  const spans: PolicySpan[] = [];
  let start = -1;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === "/" && text[index + 1] === "/") {
      const newline = text.indexOf("\n", index);
      index = newline === -1 ? text.length : newline + 1;
      continue;
    }
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      index++;
      continue;
    }
    if (start === -1) start = index;
    if (char === '"') {
      index++;
      while (index < text.length && text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
      index++;
      continue;
    }
    if (char === ";") {
      spans.push({ start, end: index + 1 });
      start = -1;
    }
    index++;
  }
  return spans;
}

/** The offset just past a string literal starting at `index` (a `"`). */
function skipString(text: string, index: number): number {
  let at = index + 1;
  while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
  return at + 1;
}

/** The offset of the next character that is not whitespace or inside a `//` comment. */
function skipBlank(text: string, index: number): number {
  let at = index;
  while (at < text.length) {
    if (text[at] === "/" && text[at + 1] === "/") {
      const newline = text.indexOf("\n", at);
      at = newline === -1 ? text.length : newline + 1;
    } else if (/\s/.test(text[at] as string)) at++;
    else break;
  }
  return at;
}

/**
 * Where the scope of one parsed policy is (inside `permit ( … )`) and its three elements' texts, so a
 * slice can rewrite the scope without a JSON round trip (which would lose Longs beyond 2^53).
 */
export function policyScope(text: string): { start: number; end: number; parts: string[] } | undefined {
  let at = skipBlank(text, 0);
  while (text[at] === "@") {
    at = skipBlank(text, at + 1 + (/^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at + 1))?.[0].length ?? 0));
    if (text[at] === "(") {
      at = skipBlank(text, at + 1);
      if (text[at] === '"') at = skipBlank(text, skipString(text, at));
      if (text[at] !== ")") return undefined;
      at = skipBlank(text, at + 1);
    }
  }
  const effect = /^(permit|forbid)/.exec(text.slice(at));
  if (!effect) return undefined;
  at = skipBlank(text, at + effect[0].length);
  if (text[at] !== "(") return undefined;
  const start = at + 1;
  const parts: string[] = [];
  let depth = 0;
  let partStart = start;
  for (at = start; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      at = skipString(text, at) - 1;
    } else if (char === "/" && text[at + 1] === "/") {
      at = skipBlank(text, at) - 1;
    } else if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === "]" || char === "}") depth--;
    else if (char === ")") {
      if (depth === 0) {
        parts.push(text.slice(partStart, at).trim());
        return { start, end: at, parts };
      }
      depth--;
    } else if (char === "," && depth === 0) {
      parts.push(text.slice(partStart, at).trim());
      partStart = at + 1;
    }
  }
  return undefined;
}
