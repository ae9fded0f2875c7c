import type { ReactNode } from "react";
import type { Span } from "../../api/trace-schemas.js";
import { formatMilliseconds } from "../../format/format-milliseconds.js";
import { formatInteger } from "../../format/format-tokens.js";
import { Link } from "../../router/link.js";
import { sessionPagePath } from "../../routes.js";
import { spanTokenUsage } from "../../traces/span-attributes.js";
import { CostText } from "./cost-text.js";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The facts people look for first: timing, agent, model, tokens and cost. */
export function SpanFacts({ span, traceStartMs }: { span: Span; traceStartMs: number }) {
  const usage = spanTokenUsage(span.attributes);
  const model = span.model ?? text(span.attributes["gen_ai.request.model"]);
  const provider = text(span.attributes["gen_ai.provider.name"]);
  const costRecorded = span.costMicros !== null || "gantry.cost.source" in span.attributes;
  return (
    <dl className="fact-grid">
      <Fact label="Duration">
        {span.open ? (
          <span title="The span had not ended when the trace was loaded">
            open ({formatMilliseconds(span.durationMs)} so far)
          </span>
        ) : (
          formatMilliseconds(span.durationMs)
        )}
      </Fact>
      <Fact label="Starts at">+{formatMilliseconds(Math.max(0, span.startTimeMs - traceStartMs))}</Fact>
      <Fact label="Kind">{span.kind.toLowerCase()}</Fact>
      {span.agent !== null && <Fact label="Agent">{span.agent}</Fact>}
      {model !== undefined && <Fact label="Model">{model}</Fact>}
      {provider !== undefined && <Fact label="Provider">{provider}</Fact>}
      {usage.input !== undefined && <Fact label="Input tokens">{formatInteger(usage.input)}</Fact>}
      {usage.output !== undefined && <Fact label="Output tokens">{formatInteger(usage.output)}</Fact>}
      {usage.cacheRead !== undefined && usage.cacheRead > 0 && (
        <Fact label="Cache read">{formatInteger(usage.cacheRead)}</Fact>
      )}
      {usage.reasoning !== undefined && usage.reasoning > 0 && (
        <Fact label="Reasoning">{formatInteger(usage.reasoning)}</Fact>
      )}
      {costRecorded && (
        <Fact label="Cost">
          <CostText micros={span.costMicros} />
        </Fact>
      )}
      {span.sessionId !== null && (
        <Fact label="Session">
          <Link to={sessionPagePath(span.sessionId)}>{span.sessionId}</Link>
        </Fact>
      )}
    </dl>
  );
}
