import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A fresh folder under the OS temp dir, removed after the test file; optionally with a config. */
export function temporaryWorkspace(config?: string): string {
  const root = mkdtempSync(join(tmpdir(), "gantry-test-"));
  if (config !== undefined) writeFileSync(join(root, "gantry.config.ts"), config);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return root;
}
