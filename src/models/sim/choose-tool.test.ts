import { describe, expect, it } from "vitest";
import { chooseTool, toolArgumentsFor } from "./choose-tool.js";

const tools = [
  { name: "search_docs", description: "Search help articles", inputSchema: {} },
  { name: "lookupOrder", description: "Find an order and its shipping status", inputSchema: {} },
  { name: "issue_refund", description: "Refund an order", inputSchema: {} },
];

describe("choosing a tool", () => {
  it("prefers the tool whose name, then description, shares words with the request", () => {
    expect(chooseTool(tools, "I want a refund")?.name).toBe("issue_refund");
    expect(chooseTool(tools, "where is my order? shipping is slow")?.name).toBe("lookupOrder");
    expect(chooseTool(tools, "any articles about passwords?")?.name).toBe("search_docs");
  });

  it("falls back to the first tool, and to none when none is offered", () => {
    expect(chooseTool(tools, "zzz")?.name).toBe("search_docs");
    expect(chooseTool([], "refund")).toBeUndefined();
  });

  it("fills arguments from the user's words: identifiers, emails, free text", () => {
    const tool = {
      name: "lookup",
      description: "",
      inputSchema: {
        type: "object",
        properties: {
          orderId: { type: "string" },
          email: { type: "string" },
          query: { type: "string" },
          limit: { type: "integer", minimum: 1 },
        },
        required: ["orderId", "email", "query", "limit"],
      },
    };
    const text = "Order ZX-2041 for ana@example.org never came";
    expect(toolArgumentsFor(tool, text)).toEqual({
      orderId: "ZX-2041",
      email: "ana@example.org",
      query: text,
      limit: 1,
    });
  });
});
