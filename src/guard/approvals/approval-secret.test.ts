import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { approvalKeyPath, resolveApprovalSecret } from "./approval-secret.js";

const folders: string[] = [];
function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "gantry-approval-key-"));
  folders.push(root);
  return root;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (GantryError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("resolveApprovalSecret", () => {
  it("uses GANTRY_APPROVAL_SECRET when set, and writes no key file", () => {
    const root = freshRoot();
    const secret = resolveApprovalSecret({ env: { GANTRY_APPROVAL_SECRET: "x".repeat(40) }, root });
    expect(secret.toString("utf8")).toBe("x".repeat(40));
    expect(() => statSync(approvalKeyPath(root))).toThrow();
  });

  it("refuses a short GANTRY_APPROVAL_SECRET", () => {
    expect(
      codeOf(() => resolveApprovalSecret({ env: { GANTRY_APPROVAL_SECRET: "short" }, root: freshRoot() })),
    ).toBe("APPROVAL_SECRET_WEAK");
  });

  it("generates a 32-byte key once into .gantry/approval.key (0600) and reads the same key back", () => {
    const root = freshRoot();
    const first = resolveApprovalSecret({ env: {}, root });
    expect(first).toHaveLength(32);
    const path = approvalKeyPath(root);
    expect(readFileSync(path, "utf8").trim()).toBe(first.toString("hex"));
    if (process.platform !== "win32") expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = resolveApprovalSecret({ env: {}, root });
    expect(second.equals(first)).toBe(true);
    // An empty variable counts as unset.
    expect(resolveApprovalSecret({ env: { GANTRY_APPROVAL_SECRET: "" }, root }).equals(first)).toBe(true);
  });

  it("gives different workspaces different keys", () => {
    const one = resolveApprovalSecret({ env: {}, root: freshRoot() });
    const two = resolveApprovalSecret({ env: {}, root: freshRoot() });
    expect(one.equals(two)).toBe(false);
  });

  it.skipIf(process.platform === "win32")("refuses a key file other users can read", () => {
    const root = freshRoot();
    resolveApprovalSecret({ env: {}, root });
    chmodSync(approvalKeyPath(root), 0o644);
    expect(codeOf(() => resolveApprovalSecret({ env: {}, root }))).toBe("APPROVAL_SECRET_UNSAFE");
  });

  it("refuses a damaged key file rather than replacing it", () => {
    const root = freshRoot();
    resolveApprovalSecret({ env: {}, root });
    writeFileSync(approvalKeyPath(root), "not a key\n", { mode: 0o600 });
    expect(codeOf(() => resolveApprovalSecret({ env: {}, root }))).toBe("APPROVAL_SECRET_UNAVAILABLE");
    expect(readFileSync(approvalKeyPath(root), "utf8")).toBe("not a key\n");
  });
});
