import { describe, expect, it } from "vitest";
import { budgetWindowKey } from "./budget-windows.js";

describe("budgetWindowKey", () => {
  it("names the UTC day and month a moment falls in, and one key for total", () => {
    const moment = Date.UTC(2026, 10, 24, 15, 30);
    expect(budgetWindowKey("total", moment)).toBe("total");
    expect(budgetWindowKey("day", moment)).toBe("day:2026-11-24");
    expect(budgetWindowKey("month", moment)).toBe("month:2026-11");
  });

  it("rolls over at UTC midnight, whatever the server's time zone", () => {
    const lastMillisecond = Date.UTC(2026, 11, 31, 23, 59, 59, 999);
    expect(budgetWindowKey("day", lastMillisecond)).toBe("day:2026-12-31");
    expect(budgetWindowKey("month", lastMillisecond)).toBe("month:2026-12");
    expect(budgetWindowKey("day", lastMillisecond + 1)).toBe("day:2027-01-01");
    expect(budgetWindowKey("month", lastMillisecond + 1)).toBe("month:2027-01");
  });
});
