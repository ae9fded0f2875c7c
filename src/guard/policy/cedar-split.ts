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
