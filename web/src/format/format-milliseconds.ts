/** Trims a fixed-point number's trailing zeros: "1.50" → "1.5", "2.00" → "2". */
function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * A span's duration, three significant digits where it matters: "0.42 ms", "12.5 ms", "840 ms",
 * "1.24 s", "42.1 s", "2 min 5 s", "1 h 12 min".
 */
export function formatMilliseconds(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return "—";
  if (milliseconds === 0) return "0 ms";
  if (milliseconds < 1) return `${trimZeros(milliseconds.toFixed(2))} ms`;
  if (milliseconds < 10) return `${trimZeros(milliseconds.toFixed(1))} ms`;
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 10) return `${trimZeros(seconds.toFixed(2))} s`;
  if (seconds < 60) return `${trimZeros(seconds.toFixed(1))} s`;
  const totalSeconds = Math.round(seconds);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const remainingSeconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return remainingSeconds > 0 ? `${minutes} min ${remainingSeconds} s` : `${minutes} min`;
}
