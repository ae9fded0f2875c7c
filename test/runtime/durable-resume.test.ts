import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../support/built-package.js";
import { startProcess } from "../support/running-process.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";
import { writeDurableWorkspace } from "./durable-workspace.js";

// Acceptance: kill -9 in the middle of a run, then resume in a new process: the run completes and
// the refund happened exactly once.

const tsx = join(repositoryRoot, "node_modules", ".bin", "tsx");
const child = join(repositoryRoot, "test", "runtime", "durable-child.mts");

function lines(file: string): Array<{ tool: string; attempt: number; key: string }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function crashAndResume(root: string, hangIn: string) {
  const first = startProcess(tsx, [child, root, "start", "refunder", "Please refund A-1001"], {
    cwd: root,
    env: { GANTRY_TEST_HANG_IN: hangIn },
  });
  const [, runId] = (await first.waitFor(/run (\S+)/)) as RegExpMatchArray;
  await first.waitFor(new RegExp(`hanging in ${hangIn}`));
  process.kill(first.child.pid!, "SIGKILL");
  expect(await first.exited()).toBe("SIGKILL");

  const second = startProcess(tsx, [child, root, "resume", runId!], { cwd: root });
  const [, json] = (await second.waitFor(/result (.+)/)) as RegExpMatchArray;
  expect(await second.exited()).toBe(0);
  return { runId: runId!, result: JSON.parse(json!) };
}

describe("a run killed with SIGKILL and resumed", () => {
  it("after the refund was recorded: completes without running the refund again", async () => {
    const root = temporaryWorkspace();
    writeDurableWorkspace(root);
    const { runId, result } = await crashAndResume(root, "notify_customer");
    expect(result).toMatchObject({
      runId,
      status: "completed",
      output: "Refund R-1 done and the customer was told.",
    });
    const executions = lines(join(root, "executions.jsonl"));
    expect(executions.filter((entry) => entry.tool === "issue_refund")).toHaveLength(1);
    expect(executions.filter((entry) => entry.tool === "lookup_order")).toHaveLength(1);
    // The call that was cut off is re-entered once, as attempt 2 with the same idempotency key.
    const notifications = executions.filter((entry) => entry.tool === "notify_customer");
    expect(notifications.map((entry) => entry.attempt)).toEqual([1, 2]);
    expect(new Set(notifications.map((entry) => entry.key)).size).toBe(1);
    expect(JSON.parse(readFileSync(join(root, "refunds.json"), "utf8"))).toHaveLength(1);
  }, 90_000);

  it("inside the refund, after its side effect: the re-entered call finds it by idempotency key", async () => {
    const root = temporaryWorkspace();
    writeDurableWorkspace(root);
    const { result } = await crashAndResume(root, "issue_refund");
    expect(result).toMatchObject({
      status: "completed",
      output: "Refund R-1 done and the customer was told.",
    });
    const refunds = lines(join(root, "executions.jsonl")).filter((entry) => entry.tool === "issue_refund");
    expect(refunds.map((entry) => entry.attempt)).toEqual([1, 2]);
    expect(refunds[0]?.key).toBe(refunds[1]?.key);
    expect(JSON.parse(readFileSync(join(root, "refunds.json"), "utf8"))).toHaveLength(1);
  }, 90_000);
});
