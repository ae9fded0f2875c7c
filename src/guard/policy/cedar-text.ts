// Writing Cedar source safely: names from rules files and workspaces end up inside generated policies,
// so every string is escaped the way Cedar reads it (Cedar has no \uXXXX, only \u{…}).

/** A Cedar string literal for `value`. */
export function cedarString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += char;
  }
  return `${out}"`;
}

/** A Cedar `like` pattern for a glob where `*` matches anything and every other character is literal. */
export function cedarLikePattern(glob: string): string {
  // In a Cedar pattern an unescaped `*` is the wildcard, which cedarString leaves as it is.
  return cedarString(glob);
}

/** A Cedar entity reference `Type::"id"`. */
export function cedarEntity(type: string, id: string): string {
  return `${type}::${cedarString(id)}`;
}

/** An attribute access path on `base`, using `["name"]` where a name is not an identifier. */
export function cedarPath(base: string, path: readonly string[]): string {
  return path.reduce(
    (expression, name) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${expression}.${name}` : `${expression}[${cedarString(name)}]`,
    base,
  );
}
