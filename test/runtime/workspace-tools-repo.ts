import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";
import type { ToolContext } from "../../src/runtime/index.js";

// A small repository to point workspace tools at: source, a test suite, CI config, an auth module.
// Removed after each test, with any folder made outside it.

export const mathSource = `export function add(a: number, b: number): number {
  return a - b;
}
`;

export const mathTest = `import { describe, expect, it } from "vitest";
import { add } from "../src/math.js";

describe("add", () => {
  it("adds two numbers", () => {
    expect(add(1, 2)).toBe(3);
  });

  it("adds negatives", () => {
    expect(add(-1, -2)).toBe(-3);
  });
});
`;

const cleanups: string[] = [];
afterEach(() => {
  for (const folder of cleanups.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A folder removed after the test. */
export function temporaryFolder(prefix: string): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  cleanups.push(folder);
  return folder;
}

/** Creates the repository and returns its root. */
export function makeRepo(): string {
  const root = temporaryFolder("gantry-repo-");
  const files: Record<string, string> = {
    "package.json": '{ "name": "demo", "type": "module" }\n',
    "src/math.ts": mathSource,
    "src/auth/session.ts": "export const sessionTtlSeconds = 3600;\n",
    "test/math.test.ts": mathTest,
    ".github/workflows/ci.yml": "on: push\n",
    "check.mjs":
      'import { readFileSync } from "node:fs";\nprocess.exit(readFileSync("src/math.ts", "utf8").includes("a + b") ? 0 : 1);\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

let calls = 0;

/** The context a tool's execute gets from the runtime, for calling tools directly. */
export function toolContext(runId: string, toolCallId = `call-${++calls}`): ToolContext {
  return {
    runId,
    agent: "coder",
    toolCallId,
    idempotencyKey: `${runId}:${toolCallId}`,
    attempt: 1,
    signal: new AbortController().signal,
  };
}

/** `lines` distinct lines of code. */
export function linesOfCode(lines: number, prefix = "line"): string {
  return (
    Array.from({ length: lines }, (_, index) => `export const ${prefix}${index} = ${index};`).join("\n") +
    "\n"
  );
}
