import semver from "semver";
import { type JsonValue, sha256Hex } from "../../src/core/index.js";
import { type PromptVersionInfo, parsePromptFile } from "../../src/prompts/index.js";
import type { PromptVersionMetricsJson } from "../../src/server/index.js";
import type { StoredAlert, StoredPromptLabel, StoredPromptLabelEvent } from "../../src/store/index.js";

// Sample prompts for the dashboard's fake control plane, built the way the registry builds them: real
// prompt files parsed by the prompts module, hashes of their sources, labels and label history with gate
// verdicts, per-hash usage, and an open drift alert for a text nobody pushed. The API contract test
// pushes the same sources through the real server and compares the answers' shapes.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const triageHead = (version: string, output: string) => `---
id: triage
version: ${version}
description: Classify a support ticket into one queue.
variables:
  shop: { type: string, description: The shop's name as customers know it }
output:
  type: object
  required: [category]
  properties:
    category: { type: string, enum: [refund, shipping, account, other] }${output}
consumers: [router]
model: { tier: small }
---
`;

const confidence = "\n    confidence: { type: number, minimum: 0, maximum: 1 }";

/** The sample prompt files, oldest version first per prompt. */
export const samplePromptSources: Record<string, string[]> = {
  triage: [
    `${triageHead("1.0.0", "")}You are the triage desk of {{shop}}, an online shop. The user message is a customer's ticket.
Answer with JSON only: the queue it belongs to.
`,
    `${triageHead("1.0.1", "")}You are the triage desk of {{shop}}, an online shop. The user message is a customer's ticket.
Answer with JSON only: the queue it belongs to (\`refund\`, \`shipping\`, \`account\` or \`other\`).
`,
    `${triageHead("1.1.0", confidence)}You are the triage desk of {{shop}}, an online shop. The user message is a customer's ticket.
Answer with JSON only: the queue it belongs to (\`refund\`, \`shipping\`, \`account\` or \`other\`) and
your confidence between 0 and 1.
`,
  ],
  "refund-reply": [
    `---
id: refund-reply
version: 2.0.0
description: Write the reply to a customer whose refund was decided.
variables:
  decision: { type: string }
  amount: { type: number }
---
Write a short, warm reply telling the customer their refund was {{decision}} ({{amount}} USD).
`,
    `---
id: refund-reply
version: 2.1.0
description: Write the reply to a customer whose refund was decided.
variables:
  decision: { type: string }
  amount: { type: number }
  days: { type: number, required: false, description: Business days until the money arrives }
---
Write a short, warm reply telling the customer their refund was {{decision}} ({{amount}} USD).
Say when the money arrives when you know it.
`,
  ],
  "summarise-thread": [
    `---
id: summarise-thread
version: 0.1.0
description: Summarise a support thread for the next agent.
variables:
  thread: { type: string }
---
Summarise this thread in three bullet points for the agent who picks it up:
{{thread}}
`,
  ],
};

/** The hash of a text production calls used that no one pushed (a hot-fix edited in place). */
export const hotFixHash = sha256Hex("triage, edited in place on one pod");

/** One sample prompt: everything the fake answers about it. */
export interface FakePrompt {
  id: string;
  versions: PromptVersionInfo[];
  labels: StoredPromptLabel[];
  history: StoredPromptLabelEvent[];
  metrics: PromptVersionMetricsJson[];
  driftAlerts: StoredAlert[];
}

function versionInfos(
  id: string,
  now: number,
  pushedAgoMs: number[],
  authors: string[],
): PromptVersionInfo[] {
  return samplePromptSources[id]!.map((source, index) => {
    const parsed = parsePromptFile(source, `prompts/${id}.prompt.md`);
    return {
      id,
      version: parsed.frontMatter.version,
      hash: sha256Hex(source),
      source,
      frontMatter: parsed.frontMatter,
      template: parsed.template,
      message: index === 0 ? "first version" : `v${parsed.frontMatter.version}`,
      author: authors[index] ?? null,
      createdAt: new Date(now - pushedAgoMs[index]!).toISOString(),
    };
  });
}

type Move = {
  label: string;
  version: string;
  agoMs: number;
  actor: string;
  gates?: [string, boolean, string][];
};

function labelsAndHistory(id: string, versions: PromptVersionInfo[], moves: Move[], now: number) {
  const hashOf = (version: string) => versions.find((info) => info.version === version)!.hash;
  const pointers = new Map<string, StoredPromptLabel>();
  const history: StoredPromptLabelEvent[] = moves.map((move, index) => {
    const at = new Date(now - move.agoMs).toISOString();
    const before = pointers.get(move.label);
    pointers.set(move.label, {
      projectId: "default",
      promptId: id,
      label: move.label,
      version: move.version,
      hash: hashOf(move.version),
      updatedAt: at,
      updatedBy: move.actor,
    });
    const details: JsonValue =
      move.gates === undefined
        ? { reason: "push" }
        : {
            gates: move.gates.map(([gate, passed, summary]) => ({ gate, passed, summary, durationMs: 1200 })),
          };
    return {
      sequence: index + 1,
      projectId: "default",
      promptId: id,
      label: move.label,
      fromVersion: before?.version ?? null,
      toVersion: move.version,
      toHash: hashOf(move.version),
      kind: "label",
      actor: move.actor,
      details,
      at,
    };
  });
  const labels = [...pointers.values()].sort((left, right) => left.label.localeCompare(right.label));
  return { labels, history };
}

function usage(
  version: string | null,
  hash: string,
  values: Partial<PromptVersionMetricsJson> & { calls: number },
): PromptVersionMetricsJson {
  return {
    version,
    hash,
    traces: values.calls,
    costMicros: 0,
    errors: 0,
    meanDurationMs: null,
    firstSeenMs: null,
    lastSeenMs: null,
    scores: null,
    ...values,
  };
}

/** Versions with no usage row get zeros, as the server answers. */
function withUnused(
  versions: PromptVersionInfo[],
  used: PromptVersionMetricsJson[],
): PromptVersionMetricsJson[] {
  const newestFirst = [...versions].sort((left, right) => semver.rcompare(left.version, right.version));
  const registered = newestFirst.map(
    (version) =>
      used.find((row) => row.hash === version.hash) ??
      usage(version.version, version.hash, { calls: 0, traces: 0 }),
  );
  return [...registered, ...used.filter((row) => row.version === null)];
}

/**
 * Three prompts: `triage` (production on 1.0.1 after a gated move, staging on 1.1.0, calls on both, and
 * an open drift alert for a hot-fixed text), `refund-reply` (2.1.0 released) and `summarise-thread`
 * (one version, never labelled, never called).
 */
export function buildSamplePrompts(now: number): FakePrompt[] {
  const triage = versionInfos("triage", now, [9 * day, 6 * day, 2 * day], ["ci", "ci", "maria"]);
  const [t100, t101, t110] = triage as [PromptVersionInfo, PromptVersionInfo, PromptVersionInfo];
  const triageLabels = labelsAndHistory(
    "triage",
    triage,
    [
      { label: "latest", version: "1.0.0", agoMs: 9 * day, actor: "ci" },
      {
        label: "production",
        version: "1.0.0",
        agoMs: 8 * day,
        actor: "release-bot",
        gates: [["prompts-check", true, "no consumer broken"]],
      },
      { label: "latest", version: "1.0.1", agoMs: 6 * day, actor: "ci" },
      {
        label: "production",
        version: "1.0.1",
        agoMs: 5 * day,
        actor: "release-bot",
        gates: [["prompts-check", true, "no consumer broken"]],
      },
      { label: "latest", version: "1.1.0", agoMs: 2 * day, actor: "maria" },
      { label: "staging", version: "1.1.0", agoMs: 2 * day - hour, actor: "maria" },
    ],
    now,
  );
  const driftAlert: StoredAlert = {
    id: "alr_01JDQ7D0000000000000000001",
    projectId: "default",
    kind: "prompt-drift",
    key: `triage:${hotFixHash}`,
    severity: "warning",
    title: `Prompt triage: 37 production calls used an unregistered text (${hotFixHash.slice(0, 12)}), but label production is 1.0.1 (${t101.hash.slice(0, 12)})`,
    details: {
      promptId: "triage",
      hash: hotFixHash,
      knownVersion: null,
      expected: { version: "1.0.1", hash: t101.hash },
      label: "production",
      environment: "production",
      calls: 37,
      firstSeenMs: now - 3 * hour,
      lastSeenMs: now - 4 * minute,
    },
    firstSeenAt: new Date(now - 3 * hour + minute).toISOString(),
    lastSeenAt: new Date(now - 3 * minute).toISOString(),
    count: 178,
    resolvedAt: null,
  };
  const refund = versionInfos("refund-reply", now, [20 * day, 4 * day], ["ci", "ci"]);
  const refundLabels = labelsAndHistory(
    "refund-reply",
    refund,
    [
      { label: "latest", version: "2.0.0", agoMs: 20 * day, actor: "ci" },
      { label: "production", version: "2.0.0", agoMs: 19 * day, actor: "release-bot", gates: [] },
      { label: "latest", version: "2.1.0", agoMs: 4 * day, actor: "ci" },
      {
        label: "production",
        version: "2.1.0",
        agoMs: 3 * day,
        actor: "release-bot",
        gates: [["prompts-check", true, "minor: one optional variable added"]],
      },
    ],
    now,
  );
  const summarise = versionInfos("summarise-thread", now, [30 * hour], ["sam"]);
  return [
    {
      id: "refund-reply",
      versions: [...refund].reverse(),
      ...refundLabels,
      metrics: withUnused(refund, [
        usage("2.1.0", refund[1]!.hash, {
          calls: 1204,
          traces: 1190,
          costMicros: 2_871_400,
          errors: 2,
          meanDurationMs: 1430.5,
          firstSeenMs: now - 3 * day,
          lastSeenMs: now - 2 * minute,
        }),
        usage("2.0.0", refund[0]!.hash, {
          calls: 5230,
          traces: 5101,
          costMicros: 11_940_250,
          errors: 19,
          meanDurationMs: 1388.2,
          firstSeenMs: now - 19 * day,
          lastSeenMs: now - 3 * day,
        }),
      ]),
      driftAlerts: [],
    },
    {
      id: "summarise-thread",
      versions: summarise,
      ...labelsAndHistory(
        "summarise-thread",
        summarise,
        [{ label: "latest", version: "0.1.0", agoMs: 30 * hour, actor: "sam" }],
        now,
      ),
      metrics: withUnused(summarise, []),
      driftAlerts: [],
    },
    {
      id: "triage",
      versions: [...triage].reverse(),
      ...triageLabels,
      metrics: withUnused(triage, [
        usage("1.1.0", t110.hash, {
          calls: 212,
          traces: 198,
          costMicros: 30_744,
          errors: 1,
          meanDurationMs: 612.4,
          firstSeenMs: now - 2 * day + hour,
          lastSeenMs: now - 12 * minute,
        }),
        usage("1.0.1", t101.hash, {
          calls: 8412,
          traces: 8019,
          costMicros: 1_093_560,
          errors: 23,
          meanDurationMs: 588.9,
          firstSeenMs: now - 5 * day,
          lastSeenMs: now - minute,
        }),
        usage("1.0.0", t100.hash, {
          calls: 3977,
          traces: 3870,
          costMicros: 497_125,
          errors: 41,
          meanDurationMs: 575.1,
          firstSeenMs: now - 8 * day,
          lastSeenMs: now - 5 * day,
        }),
        usage(null, hotFixHash, {
          calls: 37,
          traces: 37,
          costMicros: 4_810,
          errors: 0,
          meanDurationMs: 601.7,
          firstSeenMs: now - 3 * hour,
          lastSeenMs: now - 4 * minute,
        }),
      ]),
      driftAlerts: [driftAlert],
    },
  ];
}
