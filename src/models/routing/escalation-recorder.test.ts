import { describe, expect, it } from "vitest";
import { createEscalationRecorder } from "./escalation-recorder.js";

describe("createEscalationRecorder", () => {
  it("counts calls and escalations per cascade and computes the rate", () => {
    const recorder = createEscalationRecorder();
    expect(recorder.stats("cheap-first")).toEqual({ calls: 0, escalations: 0, rate: 0 });
    recorder.record("cheap-first", false);
    recorder.record("cheap-first", true);
    recorder.record("cheap-first", false);
    recorder.record("cheap-first", true);
    recorder.record("other", true);
    expect(recorder.stats("cheap-first")).toEqual({ calls: 4, escalations: 2, rate: 0.5 });
    expect(recorder.snapshot()).toEqual({
      "cheap-first": { calls: 4, escalations: 2, rate: 0.5 },
      other: { calls: 1, escalations: 1, rate: 1 },
    });
    recorder.reset();
    expect(recorder.snapshot()).toEqual({});
  });
});
