import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { realRoot, resolveWorkspacePath } from "./workspace-paths.js";

let root: string;
let outside: string;

beforeEach(() => {
  root = realRoot(mkdtempSync(join(tmpdir(), "gantry-paths-")));
  outside = mkdtempSync(join(tmpdir(), "gantry-outside-"));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src/a.ts"), "a");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function refusal(path: string): GantryError {
  try {
    resolveWorkspacePath(root, path);
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${path} was not refused`);
}

describe("resolveWorkspacePath", () => {
  it("resolves existing and new paths inside the root", () => {
    expect(resolveWorkspacePath(root, "src/a.ts")).toMatchObject({
      requested: "src/a.ts",
      real: "src/a.ts",
      exists: true,
    });
    expect(resolveWorkspacePath(root, "./src/new/deep/b.ts")).toMatchObject({
      real: "src/new/deep/b.ts",
      absolute: join(root, "src/new/deep/b.ts"),
      exists: false,
    });
    expect(resolveWorkspacePath(root, join(root, "src/a.ts")).real).toBe("src/a.ts");
    expect(resolveWorkspacePath(root, "src/../src/a.ts").real).toBe("src/a.ts");
  });

  it("refuses .. escapes and absolute paths outside the root", () => {
    expect(refusal("../escape.txt").code).toBe("WORKSPACE_PATH_OUTSIDE_SCOPE");
    expect(refusal("src/../../escape.txt").message).toContain("climbs out of the workspace root");
    expect(refusal("/etc/passwd").message).toContain("absolute path outside");
  });

  it("refuses a symlink that leads outside, for a file below it and for the link itself", () => {
    symlinkSync(outside, join(root, "src/link"));
    const below = refusal("src/link/evil.ts");
    expect(below.code).toBe("WORKSPACE_PATH_OUTSIDE_SCOPE");
    expect(below.message).toContain("follows a symlink that leads outside");
    writeFileSync(join(outside, "target.txt"), "x");
    symlinkSync(join(outside, "target.txt"), join(root, "src/file-link.ts"));
    expect(refusal("src/file-link.ts").message).toContain("symlink");
  });

  it("refuses a dangling symlink, whose destination cannot be checked", () => {
    symlinkSync(join(outside, "not-yet"), join(root, "src/dangling.ts"));
    expect(refusal("src/dangling.ts").message).toContain("does not exist");
  });

  it("follows a symlink that stays inside and reports where it really leads", () => {
    mkdirSync(join(root, "test"));
    symlinkSync(join(root, "test"), join(root, "src/tests-link"));
    expect(resolveWorkspacePath(root, "src/tests-link/x.test.ts")).toMatchObject({
      requested: "src/tests-link/x.test.ts",
      real: "test/x.test.ts",
    });
  });

  it("refuses an empty path or one with a NUL byte", () => {
    expect(refusal("").code).toBe("WORKSPACE_PATH_INVALID");
    expect(refusal("src/a\0.ts").code).toBe("WORKSPACE_PATH_INVALID");
  });
});
