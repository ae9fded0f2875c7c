import pc from "picocolors";

/** A one-line progress bar on a terminal (nothing when the stream is not one): `█████░░░░░ 12/24 50% 3.1s`. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the line. */
  finish(): void;
}

const width = 24;

export function createProgressBar(
  options: { stream?: NodeJS.WriteStream; now?: () => number; enabled?: boolean } = {},
): ProgressBar {
  const { stream = process.stderr, now = Date.now, enabled = true } = options;
  if (!enabled || !stream.isTTY) return { update() {}, finish() {} };
  const started = now();
  let drawn = false;
  return {
    update(done, total) {
      const share = total === 0 ? 1 : done / total;
      const filled = Math.round(share * width);
      const bar = pc.green("█".repeat(filled)) + pc.dim("░".repeat(width - filled));
      const seconds = ((now() - started) / 1000).toFixed(1);
      stream.write(`\r${bar} ${done}/${total} ${Math.round(share * 100)}% ${pc.dim(`${seconds}s`)}\u001b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\r\u001b[K");
    },
  };
}
