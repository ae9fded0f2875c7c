import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { emptySnapshot, parseBreakerSnapshot } from "./breaker-snapshot.js";

describe("parseBreakerSnapshot", () => {
  it("accepts a stored snapshot as it is", () => {
    const snapshot = {
      ...emptySnapshot(12),
      recentSpend: [[1_000, 5]] as Array<[number, number]>,
      trips: [
        {
          reason: "iterations" as const,
          degradation: "hard-stop" as const,
          message: "m",
          details: { a: 1 },
          at: 3,
        },
      ],
    };
    expect(parseBreakerSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
  });

  it("names the path of a bad field", () => {
    const error = catchGantryError(() =>
      parseBreakerSnapshot({ ...emptySnapshot(), trips: [{ reason: "bored", degradation: "hard-stop" }] }),
    );
    expect(error.code).toBe("BREAKER_SNAPSHOT_INVALID");
    expect(error.details.path).toBe("trips.0.reason");
    expect(
      catchGantryError(() => parseBreakerSnapshot({ ...emptySnapshot(), spentMicros: -1 })).details.path,
    ).toBe("spentMicros");
  });
});
