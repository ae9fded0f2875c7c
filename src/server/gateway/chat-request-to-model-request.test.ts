import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { chatRequestToModelRequest, parseChatRequest } from "./chat-request-to-model-request.js";
import { resolveGatewayModel } from "./resolve-gateway-model.js";

const tiers = { small: ["sim:fast"] };

function convert(body: Record<string, unknown>) {
  return chatRequestToModelRequest(parseChatRequest({ model: "tier:small", ...body }), tiers);
}

describe("resolveGatewayModel", () => {
  it("passes ids through, maps a tier's bare name to the tier and other bare names to OpenAI", () => {
    expect(resolveGatewayModel("anthropic:claude-sonnet-4-5", tiers)).toBe("anthropic:claude-sonnet-4-5");
    expect(resolveGatewayModel("tier:small", tiers)).toBe("tier:small");
    expect(resolveGatewayModel("small", tiers)).toBe("tier:small");
    expect(resolveGatewayModel("gpt-4o-mini", tiers)).toBe("openai:gpt-4o-mini");
    // An inherited property is not a tier.
    expect(resolveGatewayModel("constructor", tiers)).toBe("openai:constructor");
  });
});

describe("parseChatRequest", () => {
  it("tolerates unknown fields and nulls, as OpenAI does", () => {
    const request = parseChatRequest({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi", extra: 1 }],
      temperature: null,
      logit_bias: { "1": 2 },
      metadata: { team: "a" },
    });
    expect(request.model).toBe("gpt-4o-mini");
  });

  it("rejects a bad body with a 400-class error naming the field as OpenAI's param", () => {
    const attempt = () =>
      parseChatRequest({ model: "x", messages: [{ role: "user", content: "hi" }, { role: "tool" }] });
    expect(attempt).toThrow(GantryError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: "GATEWAY_REQUEST_INVALID", category: "USER" });
      expect((error as GantryError).details.param).toMatch(/^messages\[1\]/);
    }
  });

  it("rejects an empty conversation, n > 1 and a temperature out of range", () => {
    expect(() => parseChatRequest({ model: "x", messages: [] })).toThrow(/messages/);
    expect(() => parseChatRequest({ model: "x", messages: [{ role: "user", content: "a" }], n: 2 })).toThrow(
      /n:/,
    );
    expect(() =>
      parseChatRequest({ model: "x", messages: [{ role: "user", content: "a" }], temperature: 3 }),
    ).toThrow(/temperature/);
  });
});

describe("chatRequestToModelRequest", () => {
  it("maps every role, content parts, tool calls and tool results to the V3 prompt", () => {
    const request = convert({
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "developer",
          content: [
            { type: "text", text: "Use " },
            { type: "text", text: "tools." },
          ],
        },
        {
          role: "user",
          content: [
            { type: "text", text: "What is in this picture?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"cat"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "a cat" },
        { role: "assistant", content: "A cat." },
      ],
    });
    expect(request.model).toBe("tier:small");
    expect(request.prompt).toEqual([
      { role: "system", content: "Be brief." },
      { role: "system", content: "Use tools." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture?" },
          { type: "file", mediaType: "image/png", data: "iVBORw0KGgo=" },
          { type: "file", mediaType: "image/*", data: new URL("https://example.com/cat.png") },
        ],
      },
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "call_1", toolName: "lookup", input: { q: "cat" } }],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "lookup",
            output: { type: "text", value: "a cat" },
          },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "A cat." }] },
    ]);
  });

  it("maps tools, tool_choice, sampling settings and the user", () => {
    const request = convert({
      messages: [{ role: "user", content: "weather?" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            strict: true,
          },
        },
        { type: "function", function: { name: "now" } },
      ],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 50,
      max_completion_tokens: 80,
      stop: "END",
      seed: 7,
      user: "u-1",
      parallel_tool_calls: false,
    });
    expect(request.tools).toEqual([
      {
        type: "function",
        name: "get_weather",
        description: "Weather for a city",
        inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        strict: true,
      },
      { type: "function", name: "now", inputSchema: { type: "object", properties: {} } },
    ]);
    expect(request.toolChoice).toEqual({ type: "tool", toolName: "get_weather" });
    expect(request).toMatchObject({ temperature: 0.2, topP: 0.9, maxOutputTokens: 80, seed: 7 });
    expect(request.stopSequences).toEqual(["END"]);
    expect(request.providerOptions).toEqual({ openai: { user: "u-1", parallelToolCalls: false } });
    expect(
      convert({ messages: [{ role: "user", content: "x" }], tool_choice: "required" }).toolChoice,
    ).toEqual({
      type: "required",
    });
  });

  it("maps response_format text, json_object and json_schema", () => {
    const messages = [{ role: "user", content: "x" }];
    expect(convert({ messages, response_format: { type: "text" } }).responseFormat).toBeUndefined();
    expect(convert({ messages, response_format: { type: "json_object" } }).responseFormat).toEqual({
      type: "json",
    });
    const schema = { type: "object", properties: { label: { type: "string" } }, required: ["label"] };
    const request = convert({
      messages,
      response_format: { type: "json_schema", json_schema: { name: "ticket", schema, strict: true } },
    });
    expect(request.responseFormat).toEqual({ type: "json", name: "ticket", schema });
    expect(request.providerOptions).toEqual({ openai: { strictJsonSchema: true } });
  });

  it("refuses a file given by id, which only OpenAI's own storage could resolve", () => {
    expect(() =>
      convert({ messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-1" } }] }] }),
    ).toThrow(expect.objectContaining({ code: "GATEWAY_CONTENT_UNSUPPORTED" }));
  });
});
