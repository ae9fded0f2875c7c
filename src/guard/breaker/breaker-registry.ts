import { type Clock, systemClock } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import { type Admission, AgentCircuit, bystanderTicket } from "./agent-circuit.js";
import { resolveBreakerSettings } from "./breaker-settings.js";
import { emptySnapshot, parseBreakerSnapshot } from "./breaker-snapshot.js";
import type {
  AgentBreakerStatus,
  BreakerRegistry,
  BreakerSettings,
  BreakerTrip,
  CostEnvelope,
  SessionBreakerSnapshot,
} from "./breaker-spec.js";
import { declaredEnvelope, learnEnvelope } from "./cost-envelope.js";
import { createEnvelopeCache } from "./envelope-cache.js";
import { createSessionBreaker } from "./session-breaker.js";
import { earlierSessionSpend } from "./session-spend.js";

// The breakers of every agent in one process: resolves each agent's settings and envelope, keeps the
// agent circuits, and opens session breakers wired to them. Circuits live in memory: a restart closes
// them all, and two processes each keep their own.

export interface BreakerRegistryOptions {
  /** Where learned envelopes and earlier session spend come from; without it only declared envelopes apply. */
  store?: Pick<Store, "runs">;
  clock?: Clock;
  /** Settings of an agent (e.g. its `defineAgent({ breaker })`); `openSession({ settings })` overrides them. */
  settingsFor?: (agent: string) => Partial<BreakerSettings> | undefined;
  /** Only this project's runs are read. Default: every project's. */
  projectId?: string;
}

/** A BreakerRegistry: session breakers plus per-agent closed/open/half-open circuits. */
export function createBreakerRegistry(options: BreakerRegistryOptions = {}): BreakerRegistry {
  const { store, projectId } = options;
  const clock = options.clock ?? systemClock;
  const envelopes = createEnvelopeCache(clock);
  const circuits = new Map<string, AgentCircuit>();
  // status() is synchronous: it reports the settings and envelope an agent's last session used.
  const lastSettings = new Map<string, BreakerSettings>();
  const lastEnvelope = new Map<string, CostEnvelope | undefined>();

  function settingsOf(agent: string, override?: Partial<BreakerSettings>): BreakerSettings {
    return resolveBreakerSettings({ ...options.settingsFor?.(agent), ...override });
  }

  function circuitOf(agent: string): AgentCircuit {
    let circuit = circuits.get(agent);
    if (circuit === undefined) {
      circuit = new AgentCircuit();
      circuits.set(agent, circuit);
    }
    return circuit;
  }

  async function envelopeOf(agent: string, settings: BreakerSettings): Promise<CostEnvelope | undefined> {
    const declared = declaredEnvelope(settings);
    if (declared !== undefined || store === undefined) return declared;
    const key = JSON.stringify([projectId ?? null, agent, settings.historySize, settings.minSamples]);
    return envelopes.get(key, () => learnEnvelope({ runs: store.runs, agent, settings, projectId }));
  }

  async function startingSnapshot(
    agent: string,
    sessionId: string | undefined,
    snapshot: SessionBreakerSnapshot | undefined,
  ): Promise<SessionBreakerSnapshot> {
    if (snapshot !== undefined) return parseBreakerSnapshot(snapshot);
    if (sessionId === undefined || store === undefined) return emptySnapshot();
    return emptySnapshot(await earlierSessionSpend({ runs: store.runs, agent, sessionId, projectId }));
  }

  return {
    async openSession({ agent, settings: override, sessionId, snapshot }) {
      const settings = settingsOf(agent, override);
      const [envelope, start] = await Promise.all([
        envelopeOf(agent, settings),
        startingSnapshot(agent, sessionId, snapshot),
      ]);
      lastSettings.set(agent, settings);
      lastEnvelope.set(agent, envelope);
      // Admission happens after every await, so no other session can slip through between check and use.
      const circuit = circuitOf(agent);
      // A run resumed after its trip stays tripped; it must not count twice nor take the half-open trial.
      let ticket = bystanderTicket();
      if (start.trips.length === 0) {
        const admission = circuit.admit(clock.now(), settings);
        if (admission.kind === "blocked")
          start.trips.push(openCircuitTrip(agent, settings, admission, clock.now()));
        ticket = admission.ticket;
      }
      return createSessionBreaker({
        agent,
        settings,
        envelope,
        clock,
        snapshot: start,
        onTrip: (trip) => circuit.sessionTripped(ticket, trip.reason, clock.now(), settings),
        onEnd: ({ tripped, trip }) => circuit.sessionEnded(ticket, tripped, trip?.reason, clock.now()),
      });
    },

    status(agent) {
      const settings = lastSettings.get(agent) ?? settingsOf(agent);
      const circuit = circuitOf(agent);
      const status: AgentBreakerStatus = {
        agent,
        ...circuit.status(clock.now(), settings),
        envelope: lastEnvelope.get(agent) ?? declaredEnvelope(settings),
      };
      return status;
    },
  };
}

function openCircuitTrip(
  agent: string,
  settings: BreakerSettings,
  admission: Extract<Admission, { kind: "blocked" }>,
  now: number,
): BreakerTrip {
  const reopensAt = admission.openedAt + settings.cooldownMs;
  const until = admission.trialRunning
    ? "while a trial session runs"
    : `until ${new Date(reopensAt).toISOString()}`;
  return {
    reason: admission.reason,
    degradation: settings.degradation,
    message:
      `The breaker of agent "${agent}" is open after ${plural(admission.openingTrips, "tripped session")} ` +
      `(the last for ${admission.reason}); ` +
      `sessions start degraded ${until}`,
    details: {
      circuit: admission.trialRunning ? "half-open" : "open",
      openedAt: admission.openedAt,
      reopensAt,
      openingTrips: admission.openingTrips,
    },
    at: now,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
