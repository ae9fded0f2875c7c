import { describe, expect, it } from "vitest";
import { spanCategory } from "../../web/src/traces/span-category.js";

describe("spanCategory", () => {
  it("reads gen_ai.operation.name first", () => {
    expect(spanCategory({ name: "anything", attributes: { "gen_ai.operation.name": "chat" } })).toBe("chat");
    expect(spanCategory({ name: "x", attributes: { "gen_ai.operation.name": "execute_tool" } })).toBe("tool");
    expect(spanCategory({ name: "x", attributes: { "gen_ai.operation.name": "invoke_agent" } })).toBe(
      "agent",
    );
    expect(spanCategory({ name: "x", attributes: { "gen_ai.operation.name": "invoke_workflow" } })).toBe(
      "workflow",
    );
    expect(spanCategory({ name: "x", attributes: { "gen_ai.operation.name": "embeddings" } })).toBe("chat");
  });

  it("falls back to the span name's operation word", () => {
    expect(spanCategory({ name: "chat gpt-4.1-mini", attributes: {} })).toBe("chat");
    expect(spanCategory({ name: "execute_tool lookup_order", attributes: {} })).toBe("tool");
    expect(spanCategory({ name: "POST /api/answer", attributes: {} })).toBe("other");
  });

  it("is not fooled by names of Object.prototype members", () => {
    expect(spanCategory({ name: "constructor", attributes: { "gen_ai.operation.name": "toString" } })).toBe(
      "other",
    );
  });
});
