import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { loadScenarioFile, loadScenarios } from "./load-scenario.js";

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "gantry-sim-scenario-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, text);
  return file;
}

async function loadError(file: string): Promise<GantryError> {
  const error = await loadScenarioFile(file).catch((caught: unknown) => caught);
  if (!GantryError.isInstance(error)) throw new Error(`expected a GantryError, got ${String(error)}`);
  return error;
}

describe("loading scenario files", () => {
  it("loads a YAML scenario with rules and versions, applying defaults", async () => {
    const file = await write(
      "desk.yaml",
      [
        "name: desk",
        "rules:",
        "  - name: refund",
        "    match: { lastUserText: { regex: 'refund' } }",
        "    reply: { text: 'Refunds take 5 days.' }",
        "versions:",
        "  '2027-01': { refusalRate: 0.5 }",
      ].join("\n"),
    );
    const scenario = await loadScenarioFile(file);
    expect(scenario.rules[0]).toMatchObject({ name: "refund", reply: { text: "Refunds take 5 days." } });
    expect(scenario.versions["2027-01"]).toMatchObject({
      refusalRate: 0.5,
      answerLengthFactor: 1,
      toolCallRate: 1,
    });
    expect(scenario.includeDefaultRules).toBe(true);
  });

  it("loads a TypeScript scenario that exports it as default", async () => {
    await write(
      "desk.sim.ts",
      [
        "const greeting: string = 'Hi from TS';",
        "export default { rules: [{ name: 'ts-rule', reply: { text: greeting } }], includeDefaultRules: false };",
      ].join("\n"),
    );
    const [scenario] = await loadScenarios(["desk.sim.ts"], folder);
    expect(scenario?.rules[0]?.reply.text).toBe("Hi from TS");
    expect(scenario?.includeDefaultRules).toBe(false);
  });

  it("names the file, the line and the field path of a bad field", async () => {
    const file = await write(
      "bad.yaml",
      [
        "rules:",
        "  - name: ok",
        "    reply: { text: fine }",
        "  - name: broken",
        "    match:",
        "      step: -1",
        "    reply: { text: x }",
      ].join("\n"),
    );
    const error = await loadError(file);
    expect(error.code).toBe("SIM_SCENARIO_INVALID");
    expect(error.message).toContain(file);
    expect(error.message).toContain("rules.1.match.step");
    expect(error.details.problems).toEqual([
      expect.objectContaining({ path: "rules.1.match.step", line: 6 }),
    ]);
  });

  it("reports unknown fields and replies without content", async () => {
    const file = await write("typo.yaml", ["rules:", "  - mach: {}", "    reply: {}"].join("\n"));
    const error = await loadError(file);
    expect(error.message).toContain("rules.0.mach: unknown field");
    expect(error.message).toContain("a reply needs text, toolCalls, autoToolCall or object");
  });

  it("rejects invalid regular expressions at load time", async () => {
    const file = await write(
      "regex.yaml",
      ["rules:", "  - match: { lastUserText: { regex: '(unclosed' } }", "    reply: { text: x }"].join("\n"),
    );
    expect((await loadError(file)).message).toContain("rules.0.match.lastUserText.regex");
  });

  it("reports YAML syntax errors and missing files with the path", async () => {
    const syntax = await write("syntax.yaml", "rules: [unclosed\n");
    const syntaxError = await loadError(syntax);
    expect(syntaxError.code).toBe("SIM_SCENARIO_LOAD_FAILED");
    expect(syntaxError.message).toContain(syntax);
    const missing = await loadError(join(folder, "missing.yaml"));
    expect(missing.message).toContain("missing.yaml");
  });

  it("loads the support-desk example's scenario", async () => {
    const example = fileURLToPath(
      new URL("../../../examples/support-desk/scenarios/triage.sim.yaml", import.meta.url),
    );
    const scenario = await loadScenarioFile(example);
    expect(scenario.rules.map((rule) => rule.name)).toContain("refund-ticket");
  });
});
