import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outputSchemaGuardrail } from "./output-schema-guardrail.js";

const answer = z.object({
  category: z.enum(["refund", "shipping"]),
  priority: z.number().int().min(1).max(5),
});

describe("outputSchemaGuardrail", () => {
  const guardrail = outputSchemaGuardrail(answer);

  it("allows JSON that matches, bare or in a json fence", async () => {
    expect(guardrail.stages).toEqual(["output"]);
    expect(await guardrail.check('{"category":"refund","priority":2}', "output")).toEqual({
      action: "allow",
    });
    expect(await guardrail.check('```json\n{"category":"shipping","priority":5}\n```', "output")).toEqual({
      action: "allow",
    });
  });

  it("re-asks with the fields that are wrong", async () => {
    const outcome = await guardrail.check('{"category":"billing","priority":9}', "output");
    expect(outcome.action).toBe("reask");
    if (outcome.action !== "reask") return;
    expect(outcome.reason).toMatch(
      /^the answer does not match the expected schema: category: .+; priority: .+/,
    );
    expect(outcome.findings).toEqual([
      { kind: "schema.mismatch", score: 1 },
      { kind: "schema.mismatch", score: 1 },
    ]);
  });

  it("re-asks when the answer is not JSON at all", async () => {
    const outcome = await guardrail.check("Sure! The category is refund.", "output");
    expect(outcome).toMatchObject({ action: "reask", findings: [{ kind: "schema.invalid-json", score: 1 }] });
  });

  it("checks the raw text with json: false", async () => {
    const short = outputSchemaGuardrail(z.string().max(10), { json: false });
    expect(await short.check("fine", "output")).toEqual({ action: "allow" });
    expect((await short.check("far too long an answer", "output")).action).toBe("reask");
  });
});
