import { describe, expect, it } from "vitest";
import {
  type PromptGateContext,
  type PromptVersionInfo,
  parsePromptFile,
  promptsCheckGate,
} from "../../src/prompts/index.js";
import {
  droppingWording,
  routerContract,
  triageModel,
  triageReplay,
  triageSource,
} from "./check-prompt-fixtures.js";

// The gate sees registry versions (sources), not parsed files: build them from the fixture prompts.
function versionOf(version: string, template?: string): PromptVersionInfo {
  const source = triageSource(template === undefined ? { version } : { version, template });
  const prompt = parsePromptFile(source, "prompts/triage.prompt.md");
  return {
    id: prompt.frontMatter.id,
    version,
    hash: prompt.hash,
    source,
    frontMatter: prompt.frontMatter,
    template: prompt.template,
    message: null,
    author: null,
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

function contextFor(candidate: PromptVersionInfo, current?: PromptVersionInfo): PromptGateContext {
  return {
    promptId: "triage",
    label: "production",
    candidate,
    ...(current ? { current } : {}),
    actor: { name: "ci", scopes: ["release"] },
  };
}

const released = versionOf("1.0.0");

describe("promptsCheckGate", () => {
  const loaded: string[] = [];
  const gate = promptsCheckGate({
    loadContext: async (promptId) => {
      loaded.push(promptId);
      return { contracts: [routerContract], replay: triageReplay, generate: triageModel };
    },
  });

  it("is named prompts-check", () => {
    expect(gate.name).toBe("prompts-check");
  });

  it("passes a version whose declared bump covers its changes and whose contracts hold", async () => {
    const result = await gate.check(
      contextFor(
        versionOf("1.0.1", "You are the triage desk of {{shop}}. Reply in JSON: queue and confidence."),
        released,
      ),
    );
    expect(result.passed).toBe(true);
    expect(result.summary).toBe("declared bump covers the changes; 1 contracts hold");
    expect(loaded).toContain("triage");
    expect((result.details as { baseline: { from: string } }).baseline.from).toBe("label production");
    expect(result.details).not.toHaveProperty("outputs");
  });

  it("refuses the patch that drops a field the router reads, saying why in the summary", async () => {
    const result = await gate.check(contextFor(versionOf("1.0.1", droppingWording), released));
    expect(result.passed).toBe(false);
    expect(result.summary).toBe(
      "triage 1.0.1 declares a patch but 100% of replayed outputs changed $.confidence (threshold 5%): needs major",
    );
    expect((result.details as { problems: string[] }).problems[1]).toMatch(
      /^consumer router reads \$\.confidence/,
    );
  });

  it("checks only the contracts when the label points nowhere yet", async () => {
    const result = await gate.check(contextFor(versionOf("1.0.0", droppingWording)));
    expect(result.passed).toBe(false);
    expect(result.summary).toMatch(/^consumer router reads \$\.confidence: missing in case charged-twice/);
  });

  it("fails closed, saying why, when its context cannot be loaded", async () => {
    const broken = promptsCheckGate({
      loadContext: async () => {
        throw new Error("Invalid consumer contracts prompts/triage.consumers.yaml:\n  line 3: bad");
      },
    });
    const result = await broken.check(contextFor(released));
    expect(result.passed).toBe(false);
    expect(result.summary).toBe(
      "prompts-check could not run: Invalid consumer contracts prompts/triage.consumers.yaml: line 3: bad",
    );
  });
});
