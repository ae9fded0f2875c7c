// A small glob matcher for workspace scopes, with gitignore's reading of a pattern: paths are relative
// to the workspace root with `/` separators; `**` spans any number of folders (zero included), `*` and
// `?` stay inside one segment, `{a,b}` is either; a pattern without `/` matches the last segment at any
// depth (`Dockerfile`, `*.tf`); a trailing `/` means everything below. Dotfiles are not special: a
// scope must not be escapable by naming a file `.x`.

export type PathMatcher = (relativePath: string) => boolean;

function escapeRegex(character: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
}

function segmentSource(pattern: string): string {
  let source = "";
  let index = 0;
  while (index < pattern.length) {
    const character = pattern[index]!;
    if (character === "*") {
      if (pattern[index + 1] === "*") {
        const before = index === 0 || pattern[index - 1] === "/";
        const after = index + 2 === pattern.length || pattern[index + 2] === "/";
        if (before && after) {
          // `**/` matches zero or more whole folders; a final `**` matches the rest of the path.
          if (index + 2 === pattern.length) source += ".*";
          else source += "(?:.*/)?";
          index += 3;
          continue;
        }
        source += "[^/]*";
        index += 2;
        continue;
      }
      source += "[^/]*";
    } else if (character === "?") {
      source += "[^/]";
    } else if (character === "{") {
      const close = pattern.indexOf("}", index);
      if (close === -1) {
        source += "\\{";
      } else {
        const options = pattern.slice(index + 1, close).split(",");
        source += `(?:${options.map(segmentSource).join("|")})`;
        index = close;
      }
    } else {
      source += escapeRegex(character);
    }
    index++;
  }
  return source;
}

/** Compiles one glob to a matcher of root-relative paths. */
export function compileGlob(glob: string): PathMatcher {
  let pattern = glob.trim().replace(/\\/g, "/");
  if (pattern.startsWith("./")) pattern = pattern.slice(2);
  if (pattern.endsWith("/")) pattern = `${pattern}**`;
  const anyDepth = !pattern.includes("/");
  if (pattern.startsWith("/")) pattern = pattern.slice(1);
  const regex = new RegExp(`^${anyDepth ? "(?:.*/)?" : ""}${segmentSource(pattern)}$`);
  return (relativePath) => regex.test(relativePath);
}

/** A matcher that is true when any of the globs matches; with no globs, never. */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const matchers = globs.map(compileGlob);
  return (relativePath) => matchers.some((matches) => matches(relativePath));
}

/** The globs among `globs` that match the path (to name them in a refusal). */
export function matchingGlobs(globs: readonly string[], relativePath: string): string[] {
  return globs.filter((glob) => compileGlob(glob)(relativePath));
}
