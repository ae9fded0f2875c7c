import { describe, expect, it } from "vitest";
import { decodeOtlpJson } from "./decode-otlp-json.js";
import { otlpSpansToRecords } from "./to-span-records.js";

// OTLP/JSON as a collector sends it, decoded and mapped the way the receiver does.

type Attribute = { key: string; value: { stringValue: string } | { intValue: string } };

const attributes = (values: Record<string, string | number>): Attribute[] =>
  Object.entries(values).map(([key, value]) => ({
    key,
    value: typeof value === "number" ? { intValue: String(value) } : { stringValue: value },
  }));

let nextSpan = 0;
function span(values: Record<string, string | number>) {
  nextSpan += 1;
  return {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: `b7ad6b71692033${nextSpan.toString(16).padStart(2, "0")}`,
    name: `span ${nextSpan}`,
    startTimeUnixNano: "1795000000123456789",
    endTimeUnixNano: "1795000000223456789",
    attributes: attributes(values),
  };
}

function records(resource: Record<string, string>, spans: ReturnType<typeof span>[]) {
  const body = {
    resourceSpans: [{ resource: { attributes: attributes(resource) }, scopeSpans: [{ spans }] }],
  };
  const decoded = decodeOtlpJson(Buffer.from(JSON.stringify(body)));
  expect(decoded.rejected).toEqual([]);
  return otlpSpansToRecords(decoded.spans);
}

const prompt = { "gantry.prompt.id": "triage", "gantry.prompt.hash": "ab12" };

describe("otlpSpansToRecords: prompt and environment columns", () => {
  it("fills the prompt columns on chat spans only; environment from the span, else the resource", () => {
    const [chat, agent, tool] = records(
      { "service.name": "svc", "deployment.environment.name": "production" },
      [
        span({ "gen_ai.operation.name": "chat", ...prompt }),
        span({
          "gen_ai.operation.name": "invoke_agent",
          ...prompt,
          "deployment.environment.name": "staging",
        }),
        span({ "gen_ai.operation.name": "execute_tool", ...prompt }),
      ],
    );
    expect(chat).toMatchObject({ promptId: "triage", promptHash: "ab12", environment: "production" });
    expect(agent).toMatchObject({ promptId: null, promptHash: null, environment: "staging" });
    expect(tool).toMatchObject({ promptId: null, promptHash: null, environment: "production" });
  });

  it("counts a span mapped to chat from another convention (OpenInference LLM) as a model call", () => {
    const [llm] = records({}, [span({ "openinference.span.kind": "LLM", "llm.model_name": "m", ...prompt })]);
    expect(llm).toMatchObject({ promptId: "triage", promptHash: "ab12", environment: null });
  });

  it("leaves the columns null for a non-string or empty value, keeping the attribute", () => {
    const [numeric, empty] = records({ "deployment.environment.name": "" }, [
      span({ "gen_ai.operation.name": "chat", "gantry.prompt.id": 7, "gantry.prompt.hash": "" }),
      span({ "gen_ai.operation.name": "chat", "gantry.prompt.id": "triage" }),
    ]);
    expect(numeric).toMatchObject({ promptId: null, promptHash: null, environment: null });
    expect(numeric!.attributes["gantry.prompt.id"]).toBe(7);
    expect(empty).toMatchObject({ promptId: "triage", promptHash: null, environment: null });
  });
});
