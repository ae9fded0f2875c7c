import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineAgent, defineTool, z } from "../../src/index.js";
import { loadRunState, runStateSchemaVersion } from "../../src/runtime/index.js";
import { runtimeHarness } from "./runtime-harness.js";

// Acceptance: run state fixtures of the first schemaVersion stay loadable, and a run saved in one
// can still be resumed to completion.

const folder = join(import.meta.dirname, "fixtures", "run-state");
const fixtures = readdirSync(folder).filter((file) => file.endsWith(".json"));

interface Fixture {
  record: {
    id: string;
    agent: string;
    agentVersion: string;
    status: "paused";
    input: string;
    sessionId: string | null;
  };
  state: Record<string, unknown>;
}

const read = (file: string) => JSON.parse(readFileSync(join(folder, file), "utf8")) as Fixture;

describe("run state fixtures", () => {
  it("cover every schemaVersion up to the current one", () => {
    const versions = new Set(fixtures.map((file) => read(file).state.schemaVersion));
    for (let version = 1; version <= runStateSchemaVersion; version++) expect(versions).toContain(version);
  });

  it.each(fixtures)("%s loads", (file) => {
    const { record, state } = read(file);
    const loaded = loadRunState(record.id, state);
    expect(loaded.runId).toBe(record.id);
    expect(loaded.schemaVersion).toBe(runStateSchemaVersion);
  });

  it("v1-paused-budget.json resumes to completion", async () => {
    const { record, state } = read("v1-paused-budget.json");
    const tally = defineTool({
      name: "tally",
      description: "Count",
      input: z.object({ n: z.number() }),
      execute: ({ n }) => ({ total: n }),
    });
    const counter = defineAgent({
      name: "counter",
      instructions: "You count.",
      tools: [tally],
      limits: { maxOutputTokens: 100 },
    });
    const scenario = `
rules:
  - match: { system: "count", toolResults: true }
    reply: { text: "Counted." }
`;
    const { runtime, store } = await runtimeHarness({ agents: [counter], scenario });
    await store.runs.create({ ...record, state: state as never, schemaVersion: 1 });
    const result = await (await runtime.resume(record.id)).result;
    expect(result).toMatchObject({ status: "completed", output: "Counted.", steps: 2, toolCalls: 1 });
  });

  it("refuses a state from a newer Gantry with a clear error", () => {
    expect(() => loadRunState("run_x", { schemaVersion: runStateSchemaVersion + 1 })).toThrow(
      /newer than this Gantry/,
    );
    expect(() => loadRunState("run_x", { schemaVersion: 1, runId: "run_x" })).toThrow(
      /RUN_STATE_INVALID|cannot be read/,
    );
  });
});
