// Policy decision latency: one tool-call decision over a generated 200-policy Cedar set, through the
// policy decision point (pre-parsed once, sliced per agent and action, requests pruned to what the
// slice reads) against the same request parsed per call (cedar-wasm isAuthorized with the policy
// text), in the same run. A third line decides with the whole pre-parsed set and the whole request,
// to show what slicing adds. Target (issue 6): p50 < 50 µs pre-parsed.
// Run: npm run bench policy, or node --import tsx bench/policy/policy.bench.ts

import type { JsonValue } from "../../src/core/index.js";
import {
  type CedarPolicyPoint,
  compilePolicySources,
  createCedarPolicyPoint,
  type DecisionRequest,
  type PolicyWorkspace,
} from "../../src/guard/index.js";
import { cedar } from "../../src/guard/policy/cedar-engine.js";
import { cedarRequest } from "../../src/guard/policy/cedar-request.js";
import { median } from "../support/timing.js";

const targetMicroseconds = 50;
const rounds = 5;
const agents = Array.from({ length: 20 }, (_, index) => `agent-${String(index).padStart(2, "0")}`);
const tools = Array.from({ length: 40 }, (_, index) => `tool-${String(index).padStart(2, "0")}`);
const destructive = (tool: number) => tool % 5 === 0;
const readOnly = (tool: number) => tool % 3 === 0 && !destructive(tool);

const inputSchema: JsonValue = {
  type: "object",
  properties: {
    id: { type: "string" },
    amountUsd: { type: "number" },
    count: { type: "integer" },
    region: { type: "string", enum: ["eu", "us"] },
  },
  required: ["id", "amountUsd"],
};

const workspace: PolicyWorkspace = {
  agents,
  tools: tools.map((name, index) => ({
    name,
    annotations: { destructive: destructive(index), readOnly: readOnly(index) },
    inputSchema,
  })),
};

/** 200 policies of the kinds a workspace writes: per-agent permits, argument limits, approvals, forbids. */
function generatePolicies(): string {
  const policies: string[] = [];
  const pair = (agent: number, offset: number) =>
    `principal == Agent::"${agents[agent]}", action == Action::"tool:${tools[(agent * 7 + offset) % 40]}"`;
  for (let agent = 0; agent < 20; agent++) {
    for (let offset = 0; offset < 6; offset++) policies.push(`permit (${pair(agent, offset)}, resource);`);
    policies.push(
      `permit (${pair(agent, 6)}, resource)\nwhen { context.args.amountUsd.lessThanOrEqual(decimal("100.0")) && context.environment == "production" };`,
    );
    if (agent % 2 === 0) {
      policies.push(
        `permit (${pair(agent, 7)}, resource)\nwhen { context.args has region && context.args.region == "eu" && context.args.amountUsd.lessThan(decimal("500.0")) };`,
      );
    }
    if (agent < 15) {
      policies.push(
        `@approval("amounts above 100 USD need a person")\npermit (${pair(agent, 6)}, resource)\nwhen { context.args.amountUsd.greaterThan(decimal("100.0")) };`,
      );
    }
  }
  for (let tool = 0; tool < 15; tool++) {
    policies.push(
      `@reason("no bulk operations on ${tools[tool * 2]}")\nforbid (principal, action, resource == Tool::"${tools[tool * 2]}")\nwhen { context.args has count && context.args.count > 50 };`,
    );
  }
  for (let project = 0; project < 10; project++) {
    policies.push(
      `forbid (principal in Project::"restricted-${project}", action in Action::"destructive", resource) unless { context.approved };`,
    );
  }
  for (let agent = 0; agent < 5; agent++) {
    policies.push(
      `forbid (principal, action in Action::"destructive", resource)\nwhen { context.environment == "production" && context.delegation.contains("${agents[agent]}") };`,
    );
  }
  for (let project = 0; project < 5; project++) {
    policies.push(
      `permit (principal in Project::"shared-${project}", action in Action::"readOnly", resource);`,
    );
  }
  return policies.join("\n\n");
}

function generateRequests(count: number): DecisionRequest[] {
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => {
    const agent = Math.floor(next() * 20);
    // Mostly tools the agent has policies for, sometimes any tool (default deny).
    const tool = next() < 0.8 ? (agent * 7 + Math.floor(next() * 8)) % 40 : Math.floor(next() * 40);
    return {
      principal: {
        project: next() < 0.2 ? `shared-${Math.floor(next() * 5)}` : "default",
        agent: agents[agent] as string,
        runId: "run_bench",
        session: "session_bench",
        delegation: next() < 0.2 ? [agents[Math.floor(next() * 20)] as string] : [],
      },
      action: {
        kind: "tool",
        tool: tools[tool] as string,
        source: "function",
        annotations: { destructive: destructive(tool), readOnly: readOnly(tool) },
      },
      args: {
        id: "A-1001",
        amountUsd: next() < 0.7 ? 42.5 : 150,
        count: next() < 0.9 ? 3 : 80,
        region: "eu",
      },
      environment: "production",
    } satisfies DecisionRequest;
  });
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

function format(microseconds: number): string {
  return microseconds >= 1000 ? `${(microseconds / 1000).toFixed(2)} ms` : `${microseconds.toFixed(1)} µs`;
}

/** Times `operation` over `requests` one call at a time, µs per call. */
function samples(
  operation: (request: DecisionRequest) => unknown,
  requests: DecisionRequest[],
  count: number,
): number[] {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const request = requests[index % requests.length]!;
    const start = process.hrtime.bigint();
    operation(request);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return times;
}

const text = generatePolicies();
const policies = compilePolicySources({ sources: [{ file: "policies/bench.cedar", text }], workspace });
const cedarPolicies = policies.policies.filter((policy) => policy.origin === "cedar");
if (cedarPolicies.length !== 200) throw new Error(`generated ${cedarPolicies.length} policies, not 200`);
const requests = generateRequests(400);

// First decisions of a fresh point pre-parse each slice they meet: measured apart, once.
const cold = createCedarPolicyPoint({ policies });
const coldTimes = samples((request) => cold.decide(request), requests, requests.length);

const sliced: CedarPolicyPoint = cold;
const whole = createCedarPolicyPoint({ policies, slicing: false });
const allText = Object.fromEntries(policies.policies.map((policy) => [policy.id, policy.text]));
const parsedPerCall = (request: DecisionRequest) => {
  const parts = cedarRequest(request, policies.schema.argTypes);
  return cedar().isAuthorized({ ...parts, policies: { staticPolicies: allText } });
};

// The three paths must agree before their times mean anything.
for (const request of requests) {
  const expected = whole.decide(request);
  const got = sliced.decide(request);
  if (JSON.stringify(got) !== JSON.stringify(expected))
    throw new Error(`sliced and whole disagree on ${JSON.stringify(request)}`);
}
// With no error-prone or @approval-forbid policies in the set, Cedar's allow is the point's non-deny.
for (const request of requests.slice(0, 40)) {
  const answer = parsedPerCall(request);
  if (answer.type !== "success") throw new Error(`parsed per call failed: ${JSON.stringify(answer.errors)}`);
  const effect = sliced.decide(request).effect;
  if ((answer.response.decision === "allow") !== (effect !== "deny")) {
    throw new Error(
      `parsed per call says ${answer.response.decision}, the point ${effect}: ${JSON.stringify(request)}`,
    );
  }
}
const decisions = requests.map((request) => sliced.decide(request).effect);
const counts = new Map<string, number>();
for (const effect of decisions) counts.set(effect, (counts.get(effect) ?? 0) + 1);
const mix = [...counts].map(([effect, count]) => `${effect} ${count}`).join(", ");

const times = { sliced: [] as number[], whole: [] as number[], parsed: [] as number[] };
for (let round = 0; round <= rounds; round++) {
  const runs: Array<[keyof typeof times, () => number[]]> = [
    ["sliced", () => samples((request) => sliced.decide(request), requests, 10_000)],
    ["whole", () => samples((request) => whole.decide(request), requests, 2_000)],
    ["parsed", () => samples(parsedPerCall, requests, 40)],
  ];
  if (round % 2 === 1) runs.reverse();
  for (const [name, run] of runs) {
    const measured = run();
    if (round > 0) times[name].push(...measured);
  }
}

const line = (name: string, values: number[]) =>
  `${name.padEnd(44)} p50 ${format(median(values)).padStart(9)}  p99 ${format(percentile(values, 0.99)).padStart(9)}`;
console.log(`200 Cedar policies, 20 agents, 40 tools; ${requests.length} requests (${mix})`);
console.log(line("decide: pre-parsed slices, pruned request", times.sliced));
console.log(line("decide: whole pre-parsed set, whole request", times.whole));
console.log(line("isAuthorized: policy text parsed per call", times.parsed));
console.log(line("info: first decision of each slice (cold)", coldTimes));
const p50 = median(times.sliced);
console.log(
  `ratio: parsed per call / pre-parsed p50 ${(median(times.parsed) / p50).toFixed(0)}x; whole set / slices ${(median(times.whole) / p50).toFixed(1)}x`,
);
console.log(
  p50 < targetMicroseconds
    ? `PASS policy decision p50 ${format(p50)} < ${targetMicroseconds} µs (pre-parsed)`
    : `FAIL policy decision: p50 ${format(p50)} >= ${targetMicroseconds} µs (pre-parsed)`,
);
