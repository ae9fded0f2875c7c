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

  it("records finished cascaded calls from their route, skipping cache hits and other routes", () => {
    const recorder = createEscalationRecorder();
    recorder.recordResult({
      route: { reason: "cascade", cascade: "c", escalated: true, candidates: [] },
      cached: false,
    });
    recorder.recordResult({
      route: { reason: "cascade", cascade: "c", escalated: false, candidates: [] },
      cached: false,
    });
    recorder.recordResult({
      route: { reason: "cascade", cascade: "c", escalated: true, candidates: [] },
      cached: true,
    });
    recorder.recordResult({ route: { reason: "tier", tier: "small", candidates: [] }, cached: false });
    expect(recorder.snapshot()).toEqual({ c: { calls: 2, escalations: 1, rate: 0.5 } });
  });
});
