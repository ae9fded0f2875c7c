import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { renderPromptText } from "./render-prompt-text.js";
import { simUsage } from "./sim-usage.js";
import { loadTokenCounter } from "./token-counter.js";

const reference = new Tiktoken(o200kBase);

describe("sim usage", () => {
  it("bills every message, tool result and tool definition as input, and text plus tool calls as output", async () => {
    const tokens = await loadTokenCounter();
    const options = {
      prompt: [
        { role: "system" as const, content: "Be brief." },
        { role: "user" as const, content: [{ type: "text" as const, text: "Where is A-1?" }] },
        {
          role: "tool" as const,
          content: [
            {
              type: "tool-result" as const,
              toolCallId: "c",
              toolName: "lookup",
              output: { type: "json" as const, value: { s: 1 } },
            },
          ],
        },
      ],
      tools: [
        {
          type: "function" as const,
          name: "lookup",
          description: "Find it",
          inputSchema: { type: "object" },
        },
      ],
    };
    const rendered = renderPromptText(options);
    expect(rendered).toContain('tool lookup: {"s":1}');
    expect(rendered).toContain("tool lookup: Find it");
    const calls = [{ toolCallId: "c2", toolName: "lookup", input: '{"id":"A-1"}' }];
    const usage = simUsage(options, "Shipped.", calls, tokens);
    expect(usage.inputTokens.total).toBe(reference.encode(rendered).length);
    expect(usage.outputTokens.total).toBe(
      reference.encode("Shipped.").length +
        reference.encode("lookup").length +
        reference.encode('{"id":"A-1"}').length,
    );
    expect(usage.inputTokens).toMatchObject({
      cacheRead: 0,
      cacheWrite: 0,
      noCache: usage.inputTokens.total,
    });
  });
});
