import { describe, expect, it } from "vitest";
import type { ConversationFacts } from "./conversation-facts.js";
import { renderTemplate, renderTemplateValue } from "./render-template.js";

const facts: ConversationFacts = {
  lastUserText: "Where is A-1?",
  systemText: "Be brief.",
  step: 1,
  toolResults: [
    {
      toolName: "lookup_order",
      text: '{"status":"shipped","total":42}',
      value: { status: "shipped", total: 42 },
    },
    { toolName: "weather", text: "sunny", value: undefined },
  ],
  offeredTools: [],
  responseFormat: "text",
  responseSchema: undefined,
};

describe("templates", () => {
  it("fills conversation values into text", () => {
    expect(renderTemplate("You said {{lastUserText}} at step {{ step }}.", facts)).toBe(
      "You said Where is A-1? at step 1.",
    );
    expect(renderTemplate("{{lastToolName}}: {{lastToolResult}}", facts)).toBe("weather: sunny");
    expect(renderTemplate("{{toolResult.lookup_order}}", facts)).toBe('{"status":"shipped","total":42}');
    expect(renderTemplate("Status {{toolResult.lookup_order.status}}", facts)).toBe("Status shipped");
  });

  it("renders unknown names and missing results as empty text", () => {
    expect(
      renderTemplate("[{{nope}}][{{toolResult.missing}}][{{toolResult.lookup_order.no.such}}]", facts),
    ).toBe("[][][]");
  });

  it("keeps a whole-placeholder value's JSON type inside objects", () => {
    expect(
      renderTemplateValue(
        { total: "{{toolResult.lookup_order.total}}", note: "for {{lastUserText}}", list: ["{{step}}"] },
        facts,
      ),
    ).toEqual({ total: 42, note: "for Where is A-1?", list: [1] });
  });
});
