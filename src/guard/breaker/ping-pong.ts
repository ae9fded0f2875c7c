// Ping-pong: two agents handing the same work back and forth (A→B, B→A, A→B…), each call valid on its
// own. Handoffs are kept flat as [from, to, from, to, …], newest last, so each handoff is one pair.

/** A pair of agents that alternate at the end of the handoffs, and how many handoffs the alternation has. */
export function pingPongRun(
  handoffs: readonly string[],
): { agents: [string, string]; handoffs: number } | undefined {
  const pairs = Math.floor(handoffs.length / 2);
  if (pairs === 0) return undefined;
  const from = handoffs[2 * pairs - 2]!;
  const to = handoffs[2 * pairs - 1]!;
  if (from === to) return undefined;
  let run = 1;
  // Walk back while each earlier handoff went the other way between the same two agents.
  for (let pair = pairs - 2; pair >= 0; pair--) {
    const laterFrom = handoffs[2 * pair + 2]!;
    const laterTo = handoffs[2 * pair + 3]!;
    if (handoffs[2 * pair] !== laterTo || handoffs[2 * pair + 1] !== laterFrom) break;
    run++;
  }
  return { agents: [from, to], handoffs: run };
}
