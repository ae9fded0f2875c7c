import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkFinalOutput } from "./final-output.js";

const schema = z.object({ category: z.enum(["refund", "other"]), confidence: z.number().max(1) });

describe("checkFinalOutput", () => {
  it("accepts plain JSON that matches", () => {
    expect(checkFinalOutput('{"category":"refund","confidence":0.5}', schema)).toEqual({
      ok: true,
      value: { category: "refund", confidence: 0.5 },
    });
  });

  it("repairs code fences and prose around the JSON", () => {
    const text = 'Here you go:\n```json\n{"category": "other", "confidence": 1}\n```\nThanks!';
    expect(checkFinalOutput(text, schema)).toEqual({ ok: true, value: { category: "other", confidence: 1 } });
    expect(checkFinalOutput('Sure. {"category":"other","confidence":0} Done.', schema)).toMatchObject({
      ok: true,
    });
  });

  it("names the failing fields for the re-ask", () => {
    const result = checkFinalOutput('{"category":"refunds","confidence":3}', schema);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toMatch(/category: .*confidence: /);
    expect(checkFinalOutput("no json here", schema)).toEqual({
      ok: false,
      problems: "the answer is not JSON",
    });
  });
});
