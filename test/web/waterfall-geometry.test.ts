import { describe, expect, it } from "vitest";
import {
  barLabelSide,
  niceTickStep,
  scrollTopToReveal,
  spanBarGeometry,
  timeAxisTicks,
  traceTimeWindow,
  visibleRowRange,
} from "../../web/src/traces/waterfall-geometry.js";

describe("traceTimeWindow", () => {
  it("runs from the first start to the last end", () => {
    const window = traceTimeWindow([
      { startTimeMs: 1_000, endTimeMs: 1_400 },
      { startTimeMs: 900, endTimeMs: 1_100 },
      { startTimeMs: 1_200, endTimeMs: 2_900 },
    ]);
    expect(window).toEqual({ startMs: 900, durationMs: 2_000 });
  });

  it("is never zero wide", () => {
    expect(traceTimeWindow([{ startTimeMs: 5, endTimeMs: 5 }])).toEqual({ startMs: 5, durationMs: 1 });
    expect(traceTimeWindow([])).toEqual({ startMs: 0, durationMs: 1 });
  });
});

describe("spanBarGeometry", () => {
  const window = { startMs: 1_000, durationMs: 2_000 };

  it("places a bar by its start and sizes it by its duration", () => {
    expect(spanBarGeometry({ startTimeMs: 1_000, endTimeMs: 3_000 }, window)).toEqual({
      offsetPercent: 0,
      widthPercent: 100,
    });
    expect(spanBarGeometry({ startTimeMs: 1_500, endTimeMs: 2_000 }, window)).toEqual({
      offsetPercent: 25,
      widthPercent: 25,
    });
  });

  it("keeps bars inside the axis when clocks disagree", () => {
    expect(spanBarGeometry({ startTimeMs: 500, endTimeMs: 1_200 }, window).offsetPercent).toBe(0);
    const late = spanBarGeometry({ startTimeMs: 2_800, endTimeMs: 4_000 }, window);
    expect(late.offsetPercent).toBe(90);
    expect(late.widthPercent).toBe(10);
    expect(spanBarGeometry({ startTimeMs: 2_000, endTimeMs: 1_900 }, window).widthPercent).toBe(0);
  });

  it("puts the label before a bar that ends near the right edge, inside one that fills the axis", () => {
    expect(barLabelSide({ offsetPercent: 10, widthPercent: 20 })).toBe("after");
    expect(barLabelSide({ offsetPercent: 60, widthPercent: 30 })).toBe("before");
    expect(barLabelSide({ offsetPercent: 0, widthPercent: 100 })).toBe("inside");
  });
});

describe("time axis ticks", () => {
  it("picks readable steps", () => {
    expect(niceTickStep(8_420, 5)).toBe(2_000);
    expect(niceTickStep(1_000, 5)).toBe(200);
    expect(niceTickStep(1_200, 5)).toBe(250);
    expect(niceTickStep(0.9, 5)).toBeCloseTo(0.2);
    expect(niceTickStep(45_000, 5)).toBe(10_000);
  });

  it("follows the clock from a second up", () => {
    expect(niceTickStep(70_000, 5)).toBe(15_000);
    expect(niceTickStep(1_500_000, 5)).toBe(300_000);
    expect(niceTickStep(1_500_000, 3)).toBe(600_000);
    expect(niceTickStep(5 * 3_600_000, 4)).toBe(2 * 3_600_000);
    expect(niceTickStep(30 * 86_400_000, 3)).toBe(10 * 86_400_000);
    const ticks = timeAxisTicks({ startMs: 0, durationMs: 1_500_000 }, 5);
    expect(ticks.map((tick) => tick.label)).toEqual(["0", "5 min", "10 min", "15 min", "20 min", "25 min"]);
  });

  it("labels offsets from the trace start and places them in percent", () => {
    const ticks = timeAxisTicks({ startMs: 123_456, durationMs: 8_420 });
    expect(ticks.map((tick) => tick.label)).toEqual(["0", "2 s", "4 s", "6 s", "8 s"]);
    expect(ticks[1]?.percent).toBeCloseTo((2_000 / 8_420) * 100);
  });

  it("includes the end tick when the window is a whole number of steps", () => {
    const ticks = timeAxisTicks({ startMs: 0, durationMs: 1_000 });
    expect(ticks.map((tick) => tick.label)).toEqual(["0", "200 ms", "400 ms", "600 ms", "800 ms", "1 s"]);
    expect(ticks.at(-1)?.percent).toBe(100);
  });

  it("prints fractional steps without float noise", () => {
    const ticks = timeAxisTicks({ startMs: 0, durationMs: 0.9 }, 4);
    expect(ticks.map((tick) => tick.label)).toEqual(["0", "0.25 ms", "0.5 ms", "0.75 ms"]);
  });
});

describe("virtual rows", () => {
  it("renders the rows in view plus the overscan", () => {
    expect(
      visibleRowRange({ scrollTop: 0, viewportHeight: 280, rowHeight: 28, rowCount: 5_000, overscan: 5 }),
    ).toEqual({ start: 0, end: 16 });
    expect(
      visibleRowRange({ scrollTop: 2_800, viewportHeight: 280, rowHeight: 28, rowCount: 5_000, overscan: 5 }),
    ).toEqual({ start: 95, end: 116 });
    expect(
      visibleRowRange({
        scrollTop: 140_000,
        viewportHeight: 280,
        rowHeight: 28,
        rowCount: 5_000,
        overscan: 5,
      }),
    ).toEqual({ start: 4_995, end: 5_000 });
  });

  it("renders nothing for an empty list", () => {
    expect(
      visibleRowRange({ scrollTop: 0, viewportHeight: 280, rowHeight: 28, rowCount: 0, overscan: 5 }),
    ).toEqual({ start: 0, end: 0 });
  });

  it("scrolls as little as needed to reveal a row", () => {
    const view = { rowHeight: 28, scrollTop: 280, viewportHeight: 280 };
    expect(scrollTopToReveal({ ...view, rowIndex: 12 })).toBe(280);
    expect(scrollTopToReveal({ ...view, rowIndex: 5 })).toBe(140);
    expect(scrollTopToReveal({ ...view, rowIndex: 20 })).toBe(308);
  });
});
