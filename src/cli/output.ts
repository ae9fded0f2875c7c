import pc from "picocolors";

/** Prints rows as an aligned plain-text table (or `(none)` when empty). */
export function printTable(headers: string[], rows: string[][]): void {
  if (rows.length === 0) {
    console.log(pc.dim("(none)"));
    return;
  }
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  console.log(pc.bold(line(headers)));
  for (const row of rows) console.log(line(row));
}

/** Prints a value as pretty JSON (for `--json`). */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

export const check = (ok: boolean) => (ok ? pc.green("✔") : pc.red("✖"));
