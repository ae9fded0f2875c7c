const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/** Local date and time to the second, sortable and unambiguous: "2025-03-14 09:26:53". */
export function formatAbsoluteTime(epochMilliseconds: number): string {
  if (!Number.isFinite(epochMilliseconds)) return "unknown time";
  const date = new Date(epochMilliseconds);
  const datePart = `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
  const timePart = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
  return `${datePart} ${timePart}`;
}

/** How long ago, in the largest whole unit: "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatRelativeTime(epochMilliseconds: number, nowMilliseconds: number): string {
  if (!Number.isFinite(epochMilliseconds)) return "unknown time";
  const elapsed = nowMilliseconds - epochMilliseconds;
  // A span from a host whose clock runs slightly ahead still reads as recent, not "in the future".
  if (elapsed < 5 * second) return "just now";
  if (elapsed < minute) return `${Math.floor(elapsed / second)} s ago`;
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} min ago`;
  if (elapsed < day) return `${Math.floor(elapsed / hour)} h ago`;
  if (elapsed < 30 * day) return `${Math.floor(elapsed / day)} d ago`;
  return formatAbsoluteTime(epochMilliseconds).slice(0, 10);
}
