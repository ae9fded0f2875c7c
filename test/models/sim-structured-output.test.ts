import { fileURLToPath } from "node:url";
import { generateObject, generateText, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createSimProvider, simModel } from "../../src/models/index.js";

const ticketSchema = z.object({
  category: z.enum(["refund", "shipping", "account", "other"]),
  confidence: z.number().min(0).max(1),
  summary: z.string().min(3),
  tags: z.array(z.string()).min(1),
});

describe("sim structured output", () => {
  it("synthesises a minimal valid object for generateObject when the script gives none", async () => {
    const { object } = await generateObject({
      model: simModel(),
      schema: ticketSchema,
      prompt: "Classify: my parcel is late",
    });
    expect(ticketSchema.parse(object)).toEqual({
      category: "refund",
      confidence: 0,
      summary: "xxx",
      tags: [""],
    });
  });

  it("returns the scripted object, templated, through generateText's Output.object", async () => {
    const model = simModel("sim:default", {
      scenarios: [
        {
          rules: [
            {
              match: { responseFormat: "json-schema", lastUserText: "refund" },
              reply: {
                object: {
                  category: "refund",
                  confidence: 0.9,
                  summary: "{{lastUserText}}",
                  tags: ["billing"],
                },
              },
            },
          ],
        },
      ],
    });
    const { output } = await generateText({
      model,
      prompt: "I want a refund",
      output: Output.object({ schema: ticketSchema }),
    });
    expect(output).toEqual({
      category: "refund",
      confidence: 0.9,
      summary: "I want a refund",
      tags: ["billing"],
    });
  });

  it("streams structured output that parses to the final object", async () => {
    const result = streamText({
      model: simModel(),
      prompt: "classify",
      output: Output.object({ schema: ticketSchema }),
    });
    for await (const _ of result.partialOutputStream) {
      // Drain the partial objects; the final output is what matters here.
    }
    expect(ticketSchema.safeParse(await result.output).success).toBe(true);
  });

  it("wraps the reply text when JSON is requested without a schema", async () => {
    const { object } = await generateObject({ model: simModel(), output: "no-schema", prompt: "hello" });
    expect(object).toEqual({ answer: expect.stringMatching(/^Hello!/) });
  });

  it("answers the support-desk example's triage scenario as scripted", async () => {
    const scenario = fileURLToPath(
      new URL("../../examples/support-desk/scenarios/triage.sim.yaml", import.meta.url),
    );
    const model = createSimProvider({ scenarios: [scenario] })("default");
    const schema = z.object({ category: z.string(), confidence: z.number() });
    const { object } = await generateObject({
      model,
      schema,
      prompt: "I was charged twice, I want my money back",
    });
    expect(object).toEqual({ category: "refund", confidence: 0.92 });
  });
});
