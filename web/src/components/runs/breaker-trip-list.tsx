import type { BreakerTrip } from "../../api/runs-api.js";
import { formatAbsoluteTime } from "../../format/format-time.js";

/** The session breaker's trips during a run: what crossed which line, and the degradation applied. */
export function BreakerTripList({ trips }: { trips: readonly BreakerTrip[] }) {
  return (
    <ul className="trip-list" aria-label="Breaker trips">
      {trips.map((trip) => (
        <li key={`${trip.at}-${trip.reason}`} className="trip">
          <div className="trip-head">
            <span>
              <strong>{trip.reason}</strong> → <span className="trip-degradation">{trip.degradation}</span>
            </span>
            <span className="muted-cell trip-time">{formatAbsoluteTime(trip.at)}</span>
          </div>
          <p className="trip-message">{trip.message}</p>
        </li>
      ))}
    </ul>
  );
}
