import { lstatSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { workspaceError } from "./workspace-errors.js";

// Paths are checked where they really lead, not where they claim to: the requested path is resolved
// against the root, the nearest existing ancestor is passed through realpath (so a symlink anywhere on
// the way is followed), and the result must still lie inside the root's own real path. A path that
// does not exist yet cannot hide a symlink in its missing tail, so checking the ancestor is enough.

export interface ResolvedPath {
  /** What the model asked for, relative to the root with `/` separators (lexically normalised). */
  requested: string;
  /** Where it really leads, relative to the root's real path with `/` separators. */
  real: string;
  /** The absolute real path to read or write. */
  absolute: string;
  /** Whether something exists there now. */
  exists: boolean;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

function inside(rootReal: string, candidate: string): boolean {
  const rel = relative(rootReal, candidate);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function outside(path: string, reason: string, hint: string) {
  return workspaceError("WORKSPACE_PATH_OUTSIDE_SCOPE", reason, hint, { path });
}

const stayInside = "Use a path relative to the workspace root that stays inside it.";

/** The real path of `root` (what every resolved path is compared with). */
export function realRoot(root: string): string {
  return realpathSync(resolve(root));
}

/**
 * Resolves a path the model gave against the workspace root, following symlinks on the way;
 * throws WORKSPACE_PATH_OUTSIDE_SCOPE for `..` escapes, absolute paths elsewhere and symlinks that lead
 * out, WORKSPACE_PATH_INVALID for an empty path or one with a NUL byte.
 */
export function resolveWorkspacePath(rootReal: string, path: string): ResolvedPath {
  if (typeof path !== "string" || path.trim() === "" || path.includes("\0")) {
    throw workspaceError(
      "WORKSPACE_PATH_INVALID",
      `The path ${JSON.stringify(path)} is empty or contains a NUL byte.`,
      "Give a file path relative to the workspace root, e.g. src/index.ts.",
      { path: String(path) },
    );
  }
  const lexical = resolve(rootReal, path);
  if (!inside(rootReal, lexical)) {
    const how = isAbsolute(path) ? "is an absolute path outside" : "climbs out of";
    throw outside(path, `Refused: ${path} ${how} the workspace root.`, stayInside);
  }
  const requested = toPosix(relative(rootReal, lexical));
  // Walk up to the nearest thing that exists (lstat: a dangling symlink exists, its target does not).
  let existing = lexical;
  const missing: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const parent = resolve(existing, "..");
      missing.unshift(existing.slice(parent.length).replace(/^[\\/]/, ""));
      existing = parent;
    }
  }
  let realExisting: string;
  try {
    realExisting = realpathSync(existing);
  } catch {
    throw outside(
      path,
      `Refused: ${path} goes through a symlink whose target does not exist, so where it leads cannot be checked.`,
      "Write to a regular path instead of through the dangling link.",
    );
  }
  const absolute = missing.length === 0 ? realExisting : join(realExisting, ...missing);
  if (!inside(rootReal, absolute)) {
    throw outside(
      path,
      `Refused: ${path} follows a symlink that leads outside the workspace root (to ${absolute}).`,
      stayInside,
    );
  }
  return { requested, real: toPosix(relative(rootReal, absolute)), absolute, exists: missing.length === 0 };
}
