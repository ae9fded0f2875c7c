import { describe, expect, it } from "vitest";
import { AgentCircuit } from "./agent-circuit.js";

const settings = { cooldownMs: 600_000, openAfterTrips: 3 };

describe("AgentCircuit", () => {
  it("opens at the openAfterTrips-th tripped session within the cooldown, not before", () => {
    const circuit = new AgentCircuit();
    let now = 0;
    for (let session = 1; session <= 3; session++) {
      const admission = circuit.admit(now, settings);
      expect(admission.kind).toBe("normal");
      circuit.sessionTripped(admission.ticket, "repeated-tool-call", now, settings);
      expect(circuit.status(now, settings).state).toBe(session < 3 ? "closed" : "open");
      now += 1_000;
    }
    expect(circuit.admit(now, settings)).toMatchObject({ kind: "blocked", reason: "repeated-tool-call" });
  });

  it("forgets trips older than the cooldown", () => {
    const circuit = new AgentCircuit();
    const trip = (now: number) =>
      circuit.sessionTripped(circuit.admit(now, settings).ticket, "iterations", now, settings);
    trip(0);
    trip(1);
    trip(600_001); // the first trip (at 0) and the second (at 1) are out of the window by now
    expect(circuit.status(600_001, settings)).toEqual({ state: "closed", recentTrips: 1 });
  });

  it("counts a session once however often it trips", () => {
    const circuit = new AgentCircuit();
    const { ticket } = circuit.admit(0, settings);
    for (let time = 0; time < 5; time++) circuit.sessionTripped(ticket, "ping-pong", time, settings);
    expect(circuit.status(5, settings)).toEqual({ state: "closed", recentTrips: 1 });
  });

  it("lets one trial in after the cooldown, blocks the others while it runs, and closes when it ends well", () => {
    const circuit = new AgentCircuit();
    for (let session = 0; session < 3; session++) {
      circuit.sessionTripped(circuit.admit(0, settings).ticket, "cost-envelope", 0, settings);
    }
    expect(circuit.admit(599_999, settings).kind).toBe("blocked");
    const trial = circuit.admit(600_000, settings);
    expect(trial.kind).toBe("trial");
    expect(circuit.status(600_000, settings).state).toBe("half-open");
    expect(circuit.admit(600_001, settings)).toMatchObject({ kind: "blocked", trialRunning: true });
    circuit.sessionEnded(trial.ticket, false, undefined, 600_002);
    expect(circuit.status(600_002, settings)).toEqual({ state: "closed", recentTrips: 0 });
    expect(circuit.admit(600_003, settings).kind).toBe("normal");
  });

  it("opens again when the trial trips, with the trial's reason", () => {
    const circuit = new AgentCircuit();
    for (let session = 0; session < 3; session++) {
      circuit.sessionTripped(circuit.admit(0, settings).ticket, "cost-envelope", 0, settings);
    }
    const trial = circuit.admit(600_000, settings);
    circuit.sessionTripped(trial.ticket, "spend-velocity", 600_010, settings);
    expect(circuit.status(600_010, settings)).toMatchObject({ state: "open", openedAt: 600_010 });
    circuit.sessionEnded(trial.ticket, true, "spend-velocity", 600_020);
    expect(circuit.admit(600_020, settings)).toMatchObject({ kind: "blocked", reason: "spend-velocity" });
    expect(circuit.admit(1_200_010, settings).kind).toBe("trial");
  });

  it("starts a new trial when the previous one never ended within a cooldown", () => {
    const circuit = new AgentCircuit();
    for (let session = 0; session < 3; session++) {
      circuit.sessionTripped(circuit.admit(0, settings).ticket, "iterations", 0, settings);
    }
    const abandoned = circuit.admit(600_000, settings);
    expect(abandoned.kind).toBe("trial");
    expect(circuit.admit(1_199_999, settings).kind).toBe("blocked");
    const next = circuit.admit(1_200_000, settings);
    expect(next.kind).toBe("trial");
    // The abandoned trial ending late decides nothing; the current trial does.
    circuit.sessionEnded(abandoned.ticket, false, undefined, 1_200_001);
    expect(circuit.status(1_200_001, settings).state).toBe("half-open");
    circuit.sessionEnded(next.ticket, false, undefined, 1_200_002);
    expect(circuit.status(1_200_002, settings).state).toBe("closed");
  });
});
