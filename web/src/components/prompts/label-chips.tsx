/** Where labels point, as chips (`production 1.0.1`); protected-looking `production` stands out. */
export function LabelChips({
  labels,
  showVersions = true,
}: {
  labels: readonly { label: string; version: string }[];
  showVersions?: boolean;
}) {
  if (labels.length === 0) return <span className="muted-cell">—</span>;
  return (
    <span className="label-chips">
      {labels.map((label) => (
        <span
          key={label.label}
          className={label.label === "production" ? "label-chip label-chip-production" : "label-chip"}
          title={`${label.label} → ${label.version}`}
        >
          {label.label}
          {showVersions && <span className="label-chip-version">{label.version}</span>}
        </span>
      ))}
    </span>
  );
}

/** Labels of a summary's `{ label: version }` map, `latest` left out (the latest version shows it). */
export function namedLabels(labels: Record<string, string>): { label: string; version: string }[] {
  return Object.entries(labels)
    .filter(([label]) => label !== "latest")
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([label, version]) => ({ label, version }));
}
