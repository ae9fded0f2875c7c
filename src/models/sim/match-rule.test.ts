import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { conversationFacts } from "./conversation-facts.js";
import { firstMatchingRule, ruleMatches } from "./match-rule.js";
import { ruleMatchSchema, scenarioSchema } from "./scenario-schema.js";

const lookupTool = {
  type: "function" as const,
  name: "lookup_order",
  inputSchema: { type: "object", properties: { orderId: { type: "string" } } },
};

// A turn with one tool round: user asks, assistant calls lookup_order, the tool answers.
const afterToolRound: LanguageModelV3CallOptions = {
  prompt: [
    { role: "system", content: "You are the Acme support agent." },
    { role: "user", content: [{ type: "text", text: "old question" }] },
    { role: "assistant", content: [{ type: "text", text: "old answer" }] },
    { role: "user", content: [{ type: "text", text: "Where is order A-1?" }] },
    {
      role: "assistant",
      content: [{ type: "tool-call", toolCallId: "c1", toolName: "lookup_order", input: { orderId: "A-1" } }],
    },
    {
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: "c1",
          toolName: "lookup_order",
          output: { type: "json", value: { status: "shipped" } },
        },
      ],
    },
  ],
  tools: [lookupTool],
};

const firstCall: LanguageModelV3CallOptions = {
  prompt: [{ role: "user", content: [{ type: "text", text: "Where is order A-1?" }] }],
};

const matches = (match: unknown, options: LanguageModelV3CallOptions) =>
  ruleMatches(ruleMatchSchema.parse(match), conversationFacts(options));

describe("rule matching", () => {
  it("matches the last user text by contains (string or list), regex and equals", () => {
    expect(matches({ lastUserText: "ORDER" }, firstCall)).toBe(true);
    expect(matches({ lastUserText: "refund" }, firstCall)).toBe(false);
    expect(matches({ lastUserText: { contains: ["refund", "order"] } }, firstCall)).toBe(true);
    expect(matches({ lastUserText: ["refund", "ORDER"] }, firstCall)).toBe(true);
    expect(matches({ lastUserText: ["refund", "cancel"] }, firstCall)).toBe(false);
    expect(matches({ lastUserText: { contains: "ORDER", caseSensitive: true } }, firstCall)).toBe(false);
    expect(matches({ lastUserText: { regex: "order [a-z]-\\d+" } }, firstCall)).toBe(true);
    expect(matches({ lastUserText: { regex: "^order" } }, firstCall)).toBe(false);
    expect(matches({ lastUserText: { equals: "  where is order a-1?  " } }, firstCall)).toBe(true);
    expect(matches({ lastUserText: { equals: "where is order" } }, firstCall)).toBe(false);
  });

  it("reads only the last user message, not earlier turns", () => {
    expect(matches({ lastUserText: "old question" }, afterToolRound)).toBe(false);
  });

  it("matches tool results in the current turn, by presence and by tool name", () => {
    expect(matches({ toolResults: true }, afterToolRound)).toBe(true);
    expect(matches({ toolResults: false }, afterToolRound)).toBe(false);
    expect(matches({ toolResults: ["lookup_order"] }, afterToolRound)).toBe(true);
    expect(matches({ toolResults: ["issue_refund"] }, afterToolRound)).toBe(false);
    expect(matches({ toolResults: false }, firstCall)).toBe(true);
  });

  it("matches the step: assistant turns since the last user message", () => {
    expect(matches({ step: 0 }, firstCall)).toBe(true);
    expect(matches({ step: 1 }, afterToolRound)).toBe(true);
    expect(matches({ step: 0 }, afterToolRound)).toBe(false);
    expect(matches({ step: { min: 1, max: 3 } }, afterToolRound)).toBe(true);
    expect(matches({ step: { min: 2 } }, afterToolRound)).toBe(false);
  });

  it("matches the system prompt", () => {
    expect(matches({ system: "acme" }, afterToolRound)).toBe(true);
    expect(matches({ system: { regex: "globex" } }, afterToolRound)).toBe(false);
    expect(matches({ system: "acme" }, firstCall)).toBe(false);
  });

  it("matches the requested response format", () => {
    const withSchema = {
      ...firstCall,
      responseFormat: { type: "json" as const, schema: { type: "object" } },
    };
    const bareJson = { ...firstCall, responseFormat: { type: "json" as const } };
    expect(matches({ responseFormat: "text" }, firstCall)).toBe(true);
    expect(matches({ responseFormat: "json" }, firstCall)).toBe(false);
    expect(matches({ responseFormat: "json" }, withSchema)).toBe(true);
    expect(matches({ responseFormat: "json" }, bareJson)).toBe(true);
    expect(matches({ responseFormat: "json-schema" }, withSchema)).toBe(true);
    expect(matches({ responseFormat: "json-schema" }, bareJson)).toBe(false);
  });

  it("matches offered tools, and treats toolChoice none as no tools offered", () => {
    expect(matches({ toolsOffered: true }, afterToolRound)).toBe(true);
    expect(matches({ toolsOffered: ["lookup_order"] }, afterToolRound)).toBe(true);
    expect(matches({ toolsOffered: ["lookup_order", "issue_refund"] }, afterToolRound)).toBe(false);
    expect(matches({ toolsOffered: false }, firstCall)).toBe(true);
    expect(matches({ toolsOffered: true }, { ...afterToolRound, toolChoice: { type: "none" } })).toBe(false);
  });

  it("requires every given condition and picks the first matching rule in order", () => {
    expect(matches({ lastUserText: "order", step: 1 }, firstCall)).toBe(false);
    const scenario = scenarioSchema.parse({
      rules: [
        { name: "refund", match: { lastUserText: "refund" }, reply: { text: "a" } },
        { name: "order", match: { lastUserText: "order" }, reply: { text: "b" } },
        { name: "any", reply: { text: "c" } },
      ],
    });
    expect(firstMatchingRule(scenario.rules, conversationFacts(firstCall))?.name).toBe("order");
  });
});
