import { describe, expect, it } from "vitest";
import { simFaultsSchema } from "../../core/index.js";
import { pickFault } from "./pick-fault.js";

const faults = simFaultsSchema.parse({
  rateLimit: 0.1,
  serverError: 0.1,
  timeout: 0.1,
  cutStream: 0.1,
  malformedChunk: 0.1,
});

describe("pickFault", () => {
  it("gives each fault its own slice of [0, 1) in config order", () => {
    expect(pickFault(faults, 0.05, "stream")).toBe("rateLimit");
    expect(pickFault(faults, 0.15, "stream")).toBe("serverError");
    expect(pickFault(faults, 0.25, "stream")).toBe("timeout");
    expect(pickFault(faults, 0.35, "stream")).toBe("cutStream");
    expect(pickFault(faults, 0.45, "stream")).toBe("malformedChunk");
    expect(pickFault(faults, 0.55, "stream")).toBeUndefined();
  });

  it("keeps the stream-only slices empty for doGenerate", () => {
    expect(pickFault(faults, 0.35, "generate")).toBeUndefined();
    expect(pickFault(faults, 0.45, "generate")).toBeUndefined();
    expect(pickFault(faults, 0.05, "generate")).toBe("rateLimit");
  });

  it("injects nothing with the default (all-zero) config", () => {
    expect(pickFault(simFaultsSchema.parse({}), 0, "stream")).toBeUndefined();
  });
});
