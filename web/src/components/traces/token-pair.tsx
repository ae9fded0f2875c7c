import { formatInteger, formatTokenCount } from "../../format/format-tokens.js";

export interface TokenPairProps {
  input: number;
  output: number;
  cacheRead?: number;
}

/** Input and output tokens as "1.8k → 212", exact counts on hover. */
export function TokenPair({ input, output, cacheRead }: TokenPairProps) {
  const cacheText =
    cacheRead !== undefined && cacheRead > 0 ? ` · ${formatInteger(cacheRead)} cache read` : "";
  return (
    <span
      className="token-pair"
      title={`${formatInteger(input)} input · ${formatInteger(output)} output${cacheText}`}
    >
      {formatTokenCount(input)}
      <span className="token-arrow" aria-hidden="true">
        {" → "}
      </span>
      {formatTokenCount(output)}
    </span>
  );
}
