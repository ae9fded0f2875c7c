import pc from "picocolors";
import type {
  LabelMoveResult,
  PromptCheckReport,
  PromptDiff,
  PromptVersionInfo,
  reportPromptDrift,
} from "../../prompts/index.js";
import type { StoredPromptLabel, StoredPromptSummary } from "../../store/index.js";
import { check } from "../output.js";

// What `gantry prompts` prints: tables, a version's header, a coloured diff, gate and check results.

export const promptListHeaders = ["prompt", "latest", "labels", "versions", "updated"];

export function promptListRow(summary: StoredPromptSummary): string[] {
  const labels = Object.entries(summary.labels)
    .filter(([label]) => label !== "latest")
    .map(([label, version]) => `${label}=${version}`)
    .join(" ");
  return [summary.promptId, summary.latestVersion, labels, String(summary.versions), summary.updatedAt];
}

export function versionHeaderLines(
  version: PromptVersionInfo,
  labels: readonly StoredPromptLabel[],
): string[] {
  const here = labels.filter((label) => label.version === version.version).map((label) => label.label);
  return [
    `${pc.bold(`${version.id}@${version.version}`)}${here.length > 0 ? `  ${pc.cyan(here.join(", "))}` : ""}`,
    `${pc.dim("hash")}    ${version.hash}`,
    `${pc.dim("pushed")}  ${version.createdAt}${version.author ? ` by ${version.author}` : ""}`,
    ...(version.message ? [`${pc.dim("message")} ${version.message}`] : []),
  ];
}

export function diffLines(diff: PromptDiff): string[] {
  const lines = [
    pc.bold(`${diff.promptId} ${diff.from.version} → ${diff.to.version}`) +
      pc.dim(`  (${diff.from.hash.slice(0, 12)} → ${diff.to.hash.slice(0, 12)})`),
  ];
  for (const line of diff.lines) {
    if (line.op === "add") lines.push(pc.green(`+ ${line.text}`));
    else if (line.op === "remove") lines.push(pc.red(`- ${line.text}`));
    else lines.push(pc.dim(`  ${line.text}`));
  }
  const { classification } = diff;
  lines.push("", `${pc.bold("change")}: needs ${classification.bump}`);
  for (const reason of classification.reasons)
    lines.push(`  ${reason.bump}  ${reason.path}: ${reason.message}`);
  return lines;
}

export function gateLines(move: LabelMoveResult): string[] {
  const { label } = move;
  const head = move.moved
    ? `${check(true)} ${label.promptId}:${label.label} → ${label.version}`
    : `${pc.dim("=")} ${label.promptId}:${label.label} already points to ${label.version}`;
  return [head, ...move.gates.map((gate) => `    ${check(gate.passed)} gate ${gate.gate}: ${gate.summary}`)];
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

export function checkReportLines(report: PromptCheckReport): string[] {
  const target = `${report.promptId}@${report.candidate.version}`;
  const against = report.baseline
    ? ` vs ${report.baseline.version} (${report.baseline.from})`
    : pc.dim(" (not in the registry yet)");
  const facts: string[] = [];
  if (report.bump) facts.push(`declared ${report.bump.declared}, needs ${report.required}`);
  if (report.dynamic) {
    facts.push(
      `replayed ${report.dynamic.cases} cases, max divergence ${percent(report.dynamic.maxRate)} (threshold ${percent(report.dynamic.threshold)})`,
    );
  } else if (report.outputs) facts.push(`replayed ${report.outputs.candidate.length} cases`);
  const held = report.contracts.filter((result) => result.passed).length;
  facts.push(`${held}/${report.contracts.length} consumer contracts hold`);
  const lines = [`${check(report.ok)} ${pc.bold(target)}${against}  ${pc.dim(facts.join("; "))}`];
  for (const problem of report.problems) for (const part of problem.split("\n")) lines.push(`    ${part}`);
  for (const note of report.notes) lines.push(pc.dim(`    note: ${note}`));
  return lines;
}

type DriftFinding = Awaited<ReturnType<typeof reportPromptDrift>>[number];

export function driftLines(findings: readonly DriftFinding[], environment: string): string[] {
  if (findings.length === 0) return [`${check(true)} no prompt-hash drift in ${environment}`];
  return findings.map(
    (finding) =>
      `${check(false)} ${pc.bold(finding.promptId)}: ${finding.calls} ${environment} calls carry ${finding.hash.slice(0, 12)}` +
      ` (${finding.knownVersion ?? "unregistered"}), production is ${finding.expected.version} (${finding.expected.hash.slice(0, 12)})`,
  );
}
