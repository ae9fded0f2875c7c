import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentWorkspace } from "../support/agent-workspace.js";
import { runGantry } from "../support/built-package.js";

// Issue 6, acceptance 5: a policy file with a syntax error fails start-up with file and line; Gantry
// never runs without its policies.

describe("policies at start-up", () => {
  it("gantry run and gantry up refuse to start on a broken policy file, naming file and line", async () => {
    const root = agentWorkspace();
    writeFileSync(
      join(root, "policies", "tests.cedar"),
      'permit (principal, action in Action::"tools", resource);\n\npermit (principal action resource);\n',
    );
    const run = await runGantry(["run", "helper", "--input", "Where is A-7?", "--workspace", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("policies/tests.cedar:3");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const up = await runGantry(["up", "--port", "0", "--workspace", root]);
    expect(up.code).toBe(2);
    expect(up.stderr).toContain("policies/tests.cedar:3");
  });

  it("without any policy a tool call is denied by default, and the CLI says why", async () => {
    const root = agentWorkspace();
    writeFileSync(join(root, "policies", "tests.cedar"), "// nothing permitted\n");
    const run = await runGantry(["run", "helper", "--input", "Where is A-7?", "--workspace", root, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).toolCalls).toBe(1);
    const show = await runGantry([
      "runs",
      "show",
      JSON.parse(run.stdout).runId,
      "--json",
      "--workspace",
      root,
    ]);
    expect(show.stdout).toContain("POLICY_DENIED");
  });
});
