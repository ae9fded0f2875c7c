import type { BreakerSettings, BreakerState, TripReason } from "./breaker-spec.js";

// The circuit of one agent, across its sessions (closed → open → half-open → closed). Sessions that
// trip within `cooldownMs` are counted; at `openAfterTrips` the circuit opens and every new session
// starts tripped. After `cooldownMs` one trial session runs normally (half-open): it closes the circuit
// if it ends untripped and opens it again if it trips. Kept in memory, per process.

type CircuitSettings = Pick<BreakerSettings, "cooldownMs" | "openAfterTrips">;

/** How a session was let in: normally, as the half-open trial, or blocked (starts tripped). */
export type Admission =
  | { kind: "normal"; ticket: SessionTicket }
  | { kind: "trial"; ticket: SessionTicket }
  | {
      kind: "blocked";
      ticket: SessionTicket;
      reason: TripReason;
      openedAt: number;
      /** Tripped sessions counted when the circuit (last) opened. */
      openingTrips: number;
      /** Blocked because a half-open trial is running, not because the cooldown is still on. */
      trialRunning: boolean;
    };

/** The circuit's handle on one session, so its trip counts once and only the trial decides half-open. */
export interface SessionTicket {
  readonly kind: Admission["kind"];
  counted: boolean;
}

/** The ticket of a session the circuit never admitted (restored already tripped): it decides nothing. */
export function bystanderTicket(): SessionTicket {
  return { kind: "blocked", counted: true };
}

export interface CircuitStatus {
  state: BreakerState;
  recentTrips: number;
  openedAt?: number;
}

export class AgentCircuit {
  private state: BreakerState = "closed";
  private tripTimes: number[] = [];
  private openedAt: number | undefined;
  private openingReason: TripReason = "cost-envelope";
  private openingTrips = 0;
  private trial: { ticket: SessionTicket; startedAt: number } | undefined;

  /** Lets a new session in at `now`, and says how. */
  admit(now: number, settings: CircuitSettings): Admission {
    this.refresh(now, settings);
    if (this.state === "closed") return { kind: "normal", ticket: { kind: "normal", counted: false } };
    // A trial that never ended (its run paused for good, or was dropped) would block the agent forever;
    // after another cooldown a new trial may start.
    const trialAbandoned = this.trial !== undefined && now - this.trial.startedAt >= settings.cooldownMs;
    if (this.state === "half-open" && (this.trial === undefined || trialAbandoned)) {
      const ticket: SessionTicket = { kind: "trial", counted: false };
      this.trial = { ticket, startedAt: now };
      return { kind: "trial", ticket };
    }
    return {
      kind: "blocked",
      ticket: { kind: "blocked", counted: true },
      reason: this.openingReason,
      openedAt: this.openedAt ?? now,
      openingTrips: this.openingTrips,
      trialRunning: this.state === "half-open",
    };
  }

  /** A session tripped on its own (not because the circuit was open). */
  sessionTripped(ticket: SessionTicket, reason: TripReason, now: number, settings: CircuitSettings): void {
    if (ticket.counted) return;
    ticket.counted = true;
    this.tripTimes.push(now);
    this.tripTimes = this.tripTimes.filter((at) => at > now - settings.cooldownMs);
    if (this.isCurrentTrial(ticket)) {
      this.open(now, reason);
      return;
    }
    if (this.state === "closed" && this.tripTimes.length >= settings.openAfterTrips) this.open(now, reason);
  }

  /** A session ended; the half-open trial closes the circuit when it ended untripped. */
  sessionEnded(ticket: SessionTicket, tripped: boolean, reason: TripReason | undefined, now: number): void {
    if (!this.isCurrentTrial(ticket)) return;
    if (tripped) {
      this.open(now, reason ?? this.openingReason);
      return;
    }
    this.state = "closed";
    this.tripTimes = [];
    this.openedAt = undefined;
    this.trial = undefined;
  }

  /** Where the circuit stands at `now`. */
  status(now: number, settings: CircuitSettings): CircuitStatus {
    this.refresh(now, settings);
    const status: CircuitStatus = { state: this.state, recentTrips: this.countRecent(now, settings) };
    if (this.openedAt !== undefined) status.openedAt = this.openedAt;
    return status;
  }

  private refresh(now: number, settings: CircuitSettings): void {
    if (this.state === "open" && this.openedAt !== undefined && now - this.openedAt >= settings.cooldownMs) {
      this.state = "half-open";
      this.trial = undefined;
    }
  }

  private open(now: number, reason: TripReason): void {
    this.state = "open";
    this.openedAt = now;
    this.openingReason = reason;
    this.openingTrips = this.tripTimes.length;
    this.trial = undefined;
  }

  private isCurrentTrial(ticket: SessionTicket): boolean {
    return this.state === "half-open" && this.trial?.ticket === ticket;
  }

  private countRecent(now: number, settings: CircuitSettings): number {
    return this.tripTimes.filter((at) => at > now - settings.cooldownMs).length;
  }
}
