import { describe, expect, it } from "vitest";
import {
  emptyTraceFilters,
  formatTraceFilters,
  hasActiveFilters,
  parseTraceFilters,
  traceListApiPath,
  tracesPagePath,
} from "../../web/src/traces/trace-filters.js";

describe("trace filters in the URL", () => {
  it("reads every filter from the query", () => {
    expect(
      parseTraceFilters(
        "?agent=order-lookup&status=error&model=gpt-4.1-mini&since=24h&session=sess_1&until=x",
      ),
    ).toEqual({
      agent: "order-lookup",
      status: "error",
      model: "gpt-4.1-mini",
      since: "24h",
      until: "x",
      session: "sess_1",
    });
  });

  it("ignores unknown keys, blank values and statuses the API does not have", () => {
    expect(parseTraceFilters("?status=failed&agent=%20%20&colour=red")).toEqual(emptyTraceFilters);
    expect(parseTraceFilters("")).toEqual(emptyTraceFilters);
  });

  it("writes filters in a fixed order, leaving out empty ones", () => {
    expect(formatTraceFilters({ ...emptyTraceFilters, session: "s 1", status: "ok", agent: "triage" })).toBe(
      "?agent=triage&status=ok&session=s+1",
    );
    expect(formatTraceFilters(emptyTraceFilters)).toBe("");
    expect(tracesPagePath({ ...emptyTraceFilters, since: "7d" })).toBe("/traces?since=7d");
  });

  it("round-trips through the URL, including characters that need escaping", () => {
    const filters = {
      ...emptyTraceFilters,
      agent: "billing & refunds",
      model: "anthropic/claude-haiku-4-5",
      since: "2025-03-14T09:00:00.000Z",
    };
    expect(parseTraceFilters(formatTraceFilters(filters))).toEqual(filters);
  });

  it("knows when anything is filtered", () => {
    expect(hasActiveFilters(emptyTraceFilters)).toBe(false);
    expect(hasActiveFilters({ ...emptyTraceFilters, since: "15m" })).toBe(true);
  });

  it("builds the API path with the page size and cursor", () => {
    const filters = { ...emptyTraceFilters, status: "error" as const, since: "1h" };
    expect(traceListApiPath(filters, { limit: 50 })).toBe("/api/v1/traces?status=error&since=1h&limit=50");
    expect(traceListApiPath(emptyTraceFilters, { limit: 50, cursor: "eyJ0Ijo=" })).toBe(
      "/api/v1/traces?limit=50&cursor=eyJ0Ijo%3D",
    );
  });
});
