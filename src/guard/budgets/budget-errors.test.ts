import { describe, expect, it } from "vitest";
import { budgetExceededError, formatUsd } from "./budget-errors.js";
import type { BudgetExceeded } from "./budget-spec.js";

const exceeded: BudgetExceeded = {
  counter: {
    scope: "project",
    scopeId: "default",
    window: "day",
    windowKey: "day:2026-11-24",
    limitMicros: 1_000_000,
  },
  settledMicros: 955_000,
  reservedMicros: 30_000,
  requestedMicros: 30_000,
};

describe("budgetExceededError", () => {
  it("says which cap, what is spent, held and left, and how to raise it and resume", () => {
    const error = budgetExceededError(exceeded, {
      limits: [
        { scope: "agent", window: "total", limitUsd: 5 },
        { scope: "project", window: "day", limitUsd: 1 },
      ],
      runId: "run_42",
    });
    expect(error.code).toBe("BUDGET_EXCEEDED");
    expect(error.domain).toBe("BUDGET");
    expect(error.category).toBe("USER");
    expect(error.message).toBe(
      "The daily budget of project default for 2026-11-24 (UTC) would be exceeded: $0.955 of $1.00 spent, " +
        "$0.03 held by calls in flight, $0.015 left, and the next call may cost up to $0.03.",
    );
    expect(error.hint).toBe(
      "Raise budgets.limits[1].limitUsd in gantry.config.ts, then continue with `gantry run --resume run_42`.",
    );
    expect(error.details).toMatchObject({
      limitIndex: 1,
      remainingMicros: 15_000,
      windowKey: "day:2026-11-24",
    });
    expect(JSON.parse(JSON.stringify(error.toJSON())).details.runId).toBe("run_42");
  });

  it("still tells what to raise without the config or the run", () => {
    const error = budgetExceededError({
      ...exceeded,
      counter: {
        ...exceeded.counter,
        scope: "apiKey",
        scopeId: "key_1",
        window: "total",
        windowKey: "total",
      },
      reservedMicros: 0,
      settledMicros: 1_200_000,
    });
    expect(error.message).toMatch(
      /^The budget of API key key_1 would be exceeded: \$1\.20 of \$1\.00 spent, \$0\.00 left/,
    );
    expect(error.hint).toContain("the matching budgets.limits entry's limitUsd");
    expect(error.hint).toContain("gantry run --resume <runId>");
  });
});

describe("formatUsd", () => {
  it("shows cents when whole, else the micro-dollars needed", () => {
    expect(formatUsd(1_000_000)).toBe("$1.00");
    expect(formatUsd(30_000)).toBe("$0.03");
    expect(formatUsd(27_345)).toBe("$0.027345");
    expect(formatUsd(0)).toBe("$0.00");
  });
});
