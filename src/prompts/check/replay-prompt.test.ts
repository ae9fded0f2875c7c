import { describe, expect, it } from "vitest";
import type { ReplayRequest, ReplaySet } from "../check-spec.js";
import { parsePromptFile } from "../parse-prompt-file.js";
import { parseJsonOutput } from "./parse-json-output.js";
import { replayPrompt } from "./replay-prompt.js";

const jsonPrompt = parsePromptFile(
  [
    "---",
    "id: triage",
    "version: 1.0.0",
    "variables: { shop: string }",
    "output: { type: object, properties: { category: { type: string } } }",
    "---",
    "You triage tickets for {{shop}}.",
  ].join("\n"),
  "prompts/triage.prompt.md",
);

const textPrompt = parsePromptFile(
  "---\nid: greet\nversion: 1.0.0\nvariables: { name: string }\n---\nSay hello to {{name}}.\n",
  "prompts/greet.prompt.md",
);

describe("replayPrompt", () => {
  it("renders each case, sends it as system + user input, parses JSON and keeps case order", async () => {
    const requests: ReplayRequest[] = [];
    const set: ReplaySet = {
      model: "tier:small",
      cases: [
        { id: "fenced", variables: { shop: "Acme" }, input: "refund please" },
        { id: "plain", variables: { shop: "Acme" }, input: "where is my parcel" },
        { id: "prose", variables: { shop: "Acme" }, input: "hello" },
      ],
    };
    const outputs = await replayPrompt(jsonPrompt, set, async (request) => {
      requests.push(request);
      if (request.user.startsWith("refund"))
        return { text: '```json\n{"category":"refund"}\n```', costMicros: 12 };
      if (request.user.startsWith("where")) return { text: ' {"category":"shipping"} ' };
      return { text: "Sure! The category is other." };
    });
    expect(outputs).toEqual([
      {
        caseId: "fenced",
        text: '```json\n{"category":"refund"}\n```',
        json: { category: "refund" },
        costMicros: 12,
      },
      { caseId: "plain", text: ' {"category":"shipping"} ', json: { category: "shipping" } },
      { caseId: "prose", text: "Sure! The category is other.", error: "not JSON" },
    ]);
    expect(requests[0]).toEqual({
      system: "You triage tickets for Acme.",
      user: "refund please",
      outputSchema: jsonPrompt.frontMatter.output,
      model: "tier:small",
    });
  });

  it("sends the rendered prompt as the user message when a case has no input, and keeps text as text", async () => {
    const requests: ReplayRequest[] = [];
    const outputs = await replayPrompt(
      textPrompt,
      { cases: [{ id: "a", variables: { name: "Ada" } }] },
      async (request) => {
        requests.push(request);
        return { text: "Hello Ada!" };
      },
    );
    expect(requests).toEqual([{ user: "Say hello to Ada." }]);
    expect(outputs).toEqual([{ caseId: "a", text: "Hello Ada!" }]);
  });

  it("turns a render or generation failure into that case's error and goes on", async () => {
    const outputs = await replayPrompt(
      textPrompt,
      {
        cases: [
          { id: "missing", variables: {} },
          { id: "down", variables: { name: "Bob" } },
          { id: "fine", variables: { name: "Cy" } },
        ],
      },
      async (request) => {
        if (request.user.includes("Bob")) throw new Error("503 from provider");
        return { text: "hi" };
      },
    );
    expect(outputs[0]?.caseId).toBe("missing");
    expect(outputs[0]?.error).toMatch(/^render failed: Prompt greet@1\.0\.0 needs variable\(s\) name/);
    expect(outputs[1]).toEqual({ caseId: "down", text: "", error: "generation failed: 503 from provider" });
    expect(outputs[2]).toEqual({ caseId: "fine", text: "hi" });
  });

  it("asks at most `concurrency` cases at once and still returns them in case order", async () => {
    let inFlight = 0;
    let peak = 0;
    const cases = Array.from({ length: 9 }, (_, index) => ({
      id: `c${index}`,
      variables: { name: `n${index}` },
    }));
    const outputs = await replayPrompt(
      textPrompt,
      { cases },
      async (request) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        // Later cases answer sooner, so completion order differs from case order.
        await new Promise((resolve) => setImmediate(resolve));
        if (!request.user.endsWith("n0.")) await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return { text: request.user };
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
    expect(outputs.map((output) => output.caseId)).toEqual(cases.map((replayCase) => replayCase.id));
    expect(outputs[4]?.text).toBe("Say hello to n4.");
  });
});

describe("parseJsonOutput", () => {
  it("parses JSON, with or without a Markdown fence, and refuses prose", () => {
    expect(parseJsonOutput('{"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseJsonOutput('```json\n{"a":1}\n```')).toEqual({ value: { a: 1 } });
    expect(parseJsonOutput("```\n[1, 2]\n```\n")).toEqual({ value: [1, 2] });
    expect(parseJsonOutput("null")).toEqual({ value: null });
    expect(parseJsonOutput('The answer is {"a":1}')).toBeUndefined();
    expect(parseJsonOutput("")).toBeUndefined();
  });
});
