import type { EditRecord } from "./edit-ledger.js";
import { compileGlobs, matchingGlobs, type PathMatcher } from "./glob-match.js";
import { workspaceError } from "./workspace-errors.js";
import { reservedPaths, type WorkspaceSettings } from "./workspace-options.js";
import type { ResolvedPath } from "./workspace-paths.js";

// Which paths a workspace tool may read and write. Scope globs are matched on the real path (where a
// write would land); protected, trust-boundary and reserved globs on the requested and the real path
// alike, so a symlink named like an ordinary file cannot launder a test file or an auth module.

export interface WorkspaceScope {
  settings: WorkspaceSettings;
  readable: PathMatcher;
  writable: PathMatcher;
  protectedPath: PathMatcher;
  testFile: PathMatcher;
  trustBoundary: PathMatcher;
  reserved: PathMatcher;
}

/** Compiles a workspace's globs once. */
export function compileScope(settings: WorkspaceSettings): WorkspaceScope {
  return {
    settings,
    readable: compileGlobs(settings.scopes.read),
    writable: compileGlobs(settings.scopes.write),
    protectedPath: compileGlobs(settings.protectedPaths),
    testFile: compileGlobs(settings.testFiles),
    trustBoundary: compileGlobs(settings.trustBoundaries),
    reserved: compileGlobs(reservedPaths),
  };
}

function either(matches: PathMatcher, path: ResolvedPath): boolean {
  return matches(path.requested) || matches(path.real);
}

function shown(path: ResolvedPath): string {
  return path.real === path.requested ? path.requested : `${path.requested} (really ${path.real})`;
}

function globsOf(globs: readonly string[], path: ResolvedPath): string {
  const found = [...new Set([...matchingGlobs(globs, path.requested), ...matchingGlobs(globs, path.real)])];
  return found.join(", ");
}

function refuseReserved(scope: WorkspaceScope, path: ResolvedPath): void {
  if (!either(scope.reserved, path)) return;
  throw workspaceError(
    "WORKSPACE_PROTECTED_PATH",
    `Refused: ${shown(path)} is reserved (.gantry holds the run's edit ledger, .git holds hooks that run code); no workspace tool reads or writes it.`,
    "Work on the project's own files only.",
    { path: path.requested, real: path.real, reserved: true },
  );
}

/** Throws unless the path may be read: not reserved, inside the read scope. */
export function checkReadable(scope: WorkspaceScope, path: ResolvedPath): void {
  refuseReserved(scope, path);
  if (!scope.readable(path.real)) {
    throw workspaceError(
      "WORKSPACE_PATH_OUTSIDE_SCOPE",
      `Refused: ${shown(path)} is outside the read scope (${scope.settings.scopes.read.join(", ") || "nothing"}).`,
      "Read only files inside the declared read scope.",
      { path: path.requested, real: path.real, scope: "read" },
    );
  }
}

/** Whether a `test_modification` step unlocked this path earlier in the run. */
export function unlockedFor(record: EditRecord, path: ResolvedPath): boolean {
  return record.testModifications.some((step) => step.path === path.real);
}

/**
 * Throws unless the path may be written in this run: not reserved, inside the write scope, not
 * protected (or unlocked by a logged test modification), not behind a trust boundary (or approved).
 */
export async function checkWritable(
  scope: WorkspaceScope,
  path: ResolvedPath,
  tool: string,
  record: EditRecord,
  approved: () => Promise<boolean>,
): Promise<void> {
  refuseReserved(scope, path);
  const { settings } = scope;
  if (!scope.writable(path.real)) {
    throw workspaceError(
      "WORKSPACE_PATH_OUTSIDE_SCOPE",
      `Refused: ${shown(path)} is outside the write scope (${settings.scopes.write.join(", ") || "nothing is writable"}).`,
      "Edit only files inside the write scope; if the fix needs this file, say so in final_report (notVerified or assumptions) instead.",
      { path: path.requested, real: path.real, scope: "write" },
    );
  }
  if (either(scope.protectedPath, path) && !unlockedFor(record, path)) {
    throw workspaceError(
      "WORKSPACE_PROTECTED_PATH",
      `Refused: ${shown(path)} is protected (matches ${globsOf(settings.protectedPaths, path)}): tests, fixtures, snapshots and CI config are read-only during a fix.`,
      `If the test itself is wrong, call test_modification with this path and a justification first; deleting, skipping or weakening tests stays refused.`,
      { path: path.requested, real: path.real },
    );
  }
  if (either(scope.trustBoundary, path) && !(await approved())) {
    throw workspaceError(
      "WORKSPACE_APPROVAL_REQUIRED",
      `Refused: ${shown(path)} is behind a trust boundary (matches ${globsOf(settings.trustBoundaries, path)}): changes to auth, payments, migrations and infrastructure need a person's approval, and this ${tool} call has none.`,
      `Leave this change out and describe it in final_report, or ask the operator to route ${tool} on this path through approval (a Cedar policy with @approval on Action::"tool:${tool}" when context.args.path matches it); the approved call then goes through.`,
      { path: path.requested, real: path.real, tool },
    );
  }
}
