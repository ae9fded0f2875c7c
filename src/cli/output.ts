import pc from "picocolors";
import { textTable } from "../core/index.js";

/** Prints rows as an aligned plain-text table (or `(none)` when empty). */
export function printTable(headers: string[], rows: string[][]): void {
  if (rows.length === 0) {
    console.log(pc.dim("(none)"));
    return;
  }
  const [head, ...lines] = textTable(headers, rows);
  console.log(pc.bold(head ?? ""));
  for (const line of lines) console.log(line);
}

/** Prints a value as pretty JSON (for `--json`). */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

export const check = (ok: boolean) => (ok ? pc.green("✔") : pc.red("✖"));
