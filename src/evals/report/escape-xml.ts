// XML 1.0 text and attribute values: the five special characters escaped, and the characters XML
// cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, since
// even a character reference to them is not well-formed.

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

function allowed(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Escapes a string for XML text or a double- or single-quoted attribute value. */
export function escapeXml(text: string): string {
  let out = "";
  // for…of walks code points: a well-formed surrogate pair arrives whole, a lone surrogate alone.
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (!allowed(code)) out += "\uFFFD";
    else out += entities[character] ?? character;
  }
  return out;
}
