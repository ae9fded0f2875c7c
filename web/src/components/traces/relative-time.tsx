import { formatAbsoluteTime, formatRelativeTime } from "../../format/format-time.js";

/** "3 min ago", with the exact local time on hover and in the machine-readable attribute. */
export function RelativeTime({ epochMilliseconds, now }: { epochMilliseconds: number; now: number }) {
  const valid = Number.isFinite(epochMilliseconds);
  return (
    <time
      className="relative-time"
      dateTime={valid ? new Date(epochMilliseconds).toISOString() : undefined}
      title={formatAbsoluteTime(epochMilliseconds)}
    >
      {formatRelativeTime(epochMilliseconds, now)}
    </time>
  );
}
