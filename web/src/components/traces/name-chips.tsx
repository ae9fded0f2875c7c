/** Names (models, agents) as small chips; past `limit`, a "+n" chip lists the rest on hover. */
export function NameChips({ names, limit = 2 }: { names: readonly string[]; limit?: number }) {
  if (names.length === 0) return <span className="muted-cell">—</span>;
  const shown = names.slice(0, limit);
  const hidden = names.slice(limit);
  return (
    <span className="name-chips">
      {shown.map((name) => (
        <span key={name} className="name-chip">
          {name}
        </span>
      ))}
      {hidden.length > 0 && (
        <span className="name-chip name-chip-more" title={hidden.join(", ")}>
          +{hidden.length}
        </span>
      )}
    </span>
  );
}
