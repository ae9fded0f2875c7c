import { describe, expect, it } from "vitest";
import { guardrailRejected, guardrailTripped } from "./guardrail-errors.js";

describe("guardrail stop errors", () => {
  const stop = {
    reason: "possible prompt injection",
    findings: [{ kind: "injection.ignore-instructions", score: 0.85, start: 3, end: 40 }],
    guardrails: ["injection"],
  };

  it("blame the source of the text: the user, a tool or the model", () => {
    expect(guardrailTripped({ ...stop, stage: "input" }).category).toBe("USER");
    expect(guardrailTripped({ ...stop, stage: "tool-output" }).category).toBe("THIRD_PARTY");
    expect(guardrailRejected({ ...stop, stage: "output" }).category).toBe("MODEL_BEHAVIOR");
  });

  it("carry codes, the stage and findings as JSON, and say what to do", () => {
    const error = guardrailTripped({ ...stop, stage: "tool-output" });
    expect(error.code).toBe("GUARDRAIL_TRIPPED");
    expect(error.domain).toBe("POLICY");
    expect(error.message).toBe(
      "Guardrail injection stopped the run at the tool-output: possible prompt injection",
    );
    expect(error.toJSON().details).toEqual({
      stage: "tool-output",
      guardrails: ["injection"],
      findings: [{ kind: "injection.ignore-instructions", score: 0.85, start: 3, end: 40 }],
    });
    expect(error.hint).toContain("threshold");
    expect(guardrailRejected({ ...stop, stage: "input" }).code).toBe("GUARDRAIL_REJECTED");
  });
});
