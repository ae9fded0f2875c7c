/** A run's input or output: text as text, any other JSON indented. */
export function JsonValue({ value, emptyText }: { value: unknown; emptyText: string }) {
  if (value === null || value === undefined) return <p className="muted-cell">{emptyText}</p>;
  if (typeof value === "string") return <p className="run-text">{value}</p>;
  return <pre className="run-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** JSON on one line for compact places (a tool call's input), cut to `width` characters. */
export function jsonPreview(value: unknown, width = 120): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
