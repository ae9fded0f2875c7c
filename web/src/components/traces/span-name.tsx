/**
 * A span name with its operation word dimmed ("invoke_agent" in `invoke_agent support-triage`), so
 * the eye lands on what varies: the agent, model or tool.
 */
export function SpanName({ name }: { name: string }) {
  const space = name.indexOf(" ");
  if (space <= 0) return <span className="span-name">{name}</span>;
  return (
    <span className="span-name">
      <span className="span-name-operation">{name.slice(0, space)}</span> {name.slice(space + 1)}
    </span>
  );
}
