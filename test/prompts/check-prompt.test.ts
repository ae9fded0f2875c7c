import { describe, expect, it } from "vitest";
import { checkPrompt, type ReplayGenerate } from "../../src/prompts/index.js";
import {
  baselineOf,
  droppingWording,
  routerContract,
  triageModel,
  triagePrompt,
  triageReplay,
} from "./check-prompt-fixtures.js";

const released = triagePrompt({ version: "1.0.0" });
/** The usual check: against the released 1.0.0, replayed on the triage model, with router's contract. */
const replayedAgainstReleased = {
  baseline: baselineOf(released),
  replay: triageReplay,
  generate: triageModel,
  contracts: [routerContract],
};
/** The triage output without `confidence`: a candidate whose schema change a static check sees. */
const withoutConfidence = (version: string) =>
  triagePrompt({
    version,
    output: "output: { type: object, required: [category], properties: { category: { type: string } } }",
  });

describe("checkPrompt", () => {
  it("fails a rewording declared as a patch whose outputs drop a field router reads (acceptance 1)", async () => {
    const candidate = triagePrompt({ version: "1.0.1", template: droppingWording });
    const report = await checkPrompt({
      candidate,
      ...replayedAgainstReleased,
    });
    expect(report.ok).toBe(false);
    expect(report.bump?.ok).toBe(true);
    expect(report.bump?.declared).toBe("patch");
    expect(report.bump?.required).toBe("patch");
    expect(report.dynamic?.bump).toBe("major");
    expect(report.dynamic?.fields).toEqual([
      { path: "$.confidence", diverged: 4, total: 4, rate: 1 },
      { path: "$.category", diverged: 0, total: 4, rate: 0 },
    ]);
    expect(report.required).toBe("major");
    expect(report.problems).toEqual([
      "triage 1.0.1 declares a patch but 100% of replayed outputs changed $.confidence (threshold 5%): needs major",
      'consumer router reads $.confidence: missing in case charged-twice (output {"category":"refund"}); 4 of 4 replayed cases fail',
    ]);
    expect(report.contracts).toHaveLength(1);
    expect(report.contracts[0]?.passed).toBe(false);
    expect(report.contracts[0]?.failures.every((failure) => failure.rule === "missing")).toBe(true);
    expect(report.baseline).toEqual({
      version: "1.0.0",
      hash: released.hash,
      from: "registry label production",
    });
    expect(report.candidate).toEqual({ version: "1.0.1", hash: candidate.hash });
    expect(report.outputs?.baseline).toHaveLength(4);
    expect(report.outputs?.candidate[0]).toEqual({
      caseId: "charged-twice",
      text: '{"category":"refund"}',
      json: { category: "refund" },
    });
  });

  it("passes a rewording declared as a patch that leaves the outputs as they were", async () => {
    const candidate = triagePrompt({
      version: "1.0.1",
      template:
        "You are the support triage desk of {{shop}}. Reply in JSON only: the queue and your confidence.",
    });
    const report = await checkPrompt({
      candidate,
      ...replayedAgainstReleased,
    });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.required).toBe("patch");
    expect(report.dynamic?.maxRate).toBe(0);
    expect(report.contracts).toEqual([
      { consumer: "router", origin: routerContract.origin, passed: true, failures: [] },
    ]);
  });

  it("still fails a major bump that breaks a consumer: the version covers the change, not the consumer", async () => {
    const report = await checkPrompt({
      candidate: triagePrompt({ version: "2.0.0", template: droppingWording }),
      ...replayedAgainstReleased,
    });
    expect(report.required).toBe("major");
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(
      /^consumer router reads \$\.confidence: missing in case charged-twice/,
    );
  });

  it("uses the threshold given: a field changed in 1 of 4 cases is major at 5% and not at 30%", async () => {
    const moved: ReplayGenerate = async (request) =>
      request.system?.includes("desk for") && request.user.includes("espresso")
        ? { text: '{"category":"account","confidence":0.9}' }
        : triageModel(request);
    const input = {
      candidate: triagePrompt({
        version: "1.0.1",
        template: "You are the triage desk for {{shop}}. JSON only.",
      }),
      baseline: baselineOf(released),
      replay: triageReplay,
      generate: moved,
      contracts: [],
    };
    const strict = await checkPrompt(input);
    expect(strict.problems).toEqual([
      "triage 1.0.1 declares a patch but 25% of replayed outputs changed $.category (threshold 5%): needs major",
    ]);
    const lenient = await checkPrompt({ ...input, threshold: 0.3 });
    expect(lenient.ok).toBe(true);
    expect(lenient.dynamic?.threshold).toBe(0.3);
  });

  it("fails a changed prompt that kept its version, statically and as measured", async () => {
    const report = await checkPrompt({
      candidate: triagePrompt({ version: "1.0.0", template: droppingWording }),
      baseline: baselineOf(released),
      replay: triageReplay,
      generate: triageModel,
      contracts: [],
    });
    expect(report.problems).toEqual([
      "triage kept version 1.0.0 but its changes need a patch bump: template: wording changed (needs patch)",
      "triage 1.0.0 declares no bump but 100% of replayed outputs changed $.confidence (threshold 5%): needs major",
    ]);
  });

  it("reports a static bump failure as one line listing the changes", async () => {
    const report = await checkPrompt({
      candidate: withoutConfidence("1.0.1"),
      baseline: baselineOf(released),
      contracts: [],
    });
    expect(report.bump?.ok).toBe(false);
    expect(report.required).toBe("major");
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).not.toContain("\n");
    expect(report.problems[0]).toMatch(
      /^triage declared a patch bump \(1\.0\.0 → 1\.0\.1\) but its changes need a major bump: /,
    );
    expect(report.problems[0]).toContain("output.confidence: field removed (needs major)");
  });

  it("without a replay set, checks contracts against the candidate's output schema (caseId schema)", async () => {
    const report = await checkPrompt({
      candidate: withoutConfidence("2.0.0"),
      baseline: baselineOf(released),
      contracts: [routerContract],
    });
    expect(report.dynamic).toBeUndefined();
    expect(report.bump?.ok).toBe(true);
    expect(report.contracts[0]?.failures).toEqual([
      {
        consumer: "router",
        field: "$.confidence",
        caseId: "schema",
        rule: "missing",
        message: "consumer router reads $.confidence: the output schema of triage 2.0.0 does not declare it",
      },
    ]);
    expect(report.problems).toEqual([
      "consumer router reads $.confidence: the output schema of triage 2.0.0 does not declare it",
    ]);
    expect(report.notes.some((note) => note.startsWith("no replay set (prompts/triage.replay.yaml)"))).toBe(
      true,
    );
  });

  it("runs contracts alone when there is no baseline, and needs no bump", async () => {
    const report = await checkPrompt({
      candidate: released,
      replay: triageReplay,
      generate: triageModel,
      contracts: [routerContract],
    });
    expect(report.ok).toBe(true);
    expect(report.bump).toBeUndefined();
    expect(report.dynamic).toBeUndefined();
    expect(report.baseline).toBeUndefined();
    expect(report.required).toBe("none");
    expect(report.outputs?.candidate).toHaveLength(4);
  });

  it("does not replay the baseline when it is the very same file", async () => {
    let calls = 0;
    const counting: ReplayGenerate = async (request) => {
      calls += 1;
      return triageModel(request);
    };
    const report = await checkPrompt({
      candidate: released,
      baseline: baselineOf(released),
      replay: triageReplay,
      generate: counting,
      contracts: [routerContract],
    });
    expect(report.ok).toBe(true);
    expect(report.dynamic).toBeUndefined();
    expect(calls).toBe(4);
  });

  it("notes a listed consumer without a contract and accepts a contract for an unlisted consumer", async () => {
    const report = await checkPrompt({
      candidate: triagePrompt({ version: "1.0.0", consumers: "[router, billing]" }),
      replay: triageReplay,
      generate: triageModel,
      contracts: [
        routerContract,
        { consumer: "audit", origin: "api", reads: [{ path: "$.category", required: true }] },
      ],
    });
    expect(report.ok).toBe(true);
    expect(report.contracts.map((result) => [result.consumer, result.passed])).toEqual([
      ["router", true],
      ["audit", true],
    ]);
    expect(report.notes).toEqual([
      "triage lists consumer billing but no contract says what it reads (add it to prompts/triage.consumers.yaml)",
    ]);
  });

  it("notes cases that failed to replay, and a not-JSON answer fails the contracts reading it", async () => {
    const flaky: ReplayGenerate = async (request) => {
      if (request.user.includes("espresso")) return { text: "Thanks for the kind words!" };
      if (request.user.includes("locked")) throw new Error("429 rate limited");
      return triageModel(request);
    };
    const report = await checkPrompt({
      candidate: released,
      replay: triageReplay,
      generate: flaky,
      contracts: [routerContract],
    });
    expect(report.notes).toEqual([
      "case locked-out failed on the candidate: generation failed: 429 rate limited",
      "case compliment failed on the candidate: not JSON",
    ]);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      "consumer router reads $.category: case locked-out has no JSON output (generation failed: 429 rate limited); 2 of 4 replayed cases fail",
      "consumer router reads $.confidence: case locked-out has no JSON output (generation failed: 429 rate limited); 2 of 4 replayed cases fail",
    ]);
  });
});
