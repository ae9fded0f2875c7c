import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { loadWorkspace } from "../../core/index.js";
import {
  type EvalRunOutcome,
  type GateVerdict,
  gateVerdict,
  jsonReport,
  junitReport,
  loadSuite,
  runEval,
  terminalReport,
} from "../../evals/index.js";
import { prepareWorkspaceEval } from "../../server/index.js";
import { type GlobalOptions, workspaceRoot } from "../cli-context.js";
import { printJson } from "../output.js";
import { resolveBaseline } from "./eval-baseline.js";
import { openEvalContext } from "./eval-context.js";
import { createProgressBar } from "./eval-progress.js";

export interface EvalRunFlags {
  gate?: boolean;
  baseline?: string;
  label?: string;
  trials?: number;
  concurrency?: number;
  cache?: boolean;
  resume?: string;
  model?: string;
  json?: boolean;
  junit?: string;
}

/** What `gantry eval <suite>` did, for printing and the exit code. */
export interface SuiteCommandResult {
  outcome: EvalRunOutcome;
  verdict?: GateVerdict;
}

async function writeJunit(file: string, text: string): Promise<void> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/**
 * `gantry eval <suite>`: loads the suite and its dataset, builds the workspace's runtime, prompts and
 * models (the response cache on only with --cache or the suite's `cache`), runs it with a progress
 * bar, compares with the baseline, prints the table (or JSON), writes JUnit, and with --gate sets the
 * exit code to the verdict's.
 */
export async function runSuiteCommand(
  suiteName: string,
  flags: EvalRunFlags,
  command: Command,
): Promise<SuiteCommandResult> {
  const workspace = await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>()));
  // Read first for its `cache`: the model access is built with the response cache on or off.
  const cache = flags.cache ?? (await loadSuite(workspace.root, suiteName)).suite.cache;
  const context = await openEvalContext(workspace, { cache });
  const warn = (message: string) => {
    if (!flags.json) console.error(pc.yellow(`warning: ${message}`));
  };
  try {
    const prepared = await prepareWorkspaceEval(context, suiteName, flags.model);
    const suite = prepared.loaded.suite;
    const { dataset } = prepared;
    if (prepared.judgeNote) warn(`judge: ${prepared.judgeNote}`);
    const baseline = await resolveBaseline(context.store, suite.name, flags.baseline);
    if (baseline.warning) warn(baseline.warning);
    const progress = createProgressBar({ enabled: !flags.json });
    const outcome = await runEval({
      suite: prepared.suite,
      dataset,
      deps: prepared.deps,
      options: {
        concurrency: flags.concurrency ?? suite.concurrency,
        cache,
        ...(flags.trials ? { trials: flags.trials } : {}),
        ...(flags.label ? { label: flags.label } : {}),
        ...(baseline.runId ? { baselineRunId: baseline.runId } : {}),
        ...(flags.resume ? { resumeRunId: flags.resume } : {}),
        ...(flags.model ? { model: flags.model } : {}),
        onProgress: (done, total) => progress.update(done, total),
      },
    });
    progress.finish();
    const verdict = flags.gate
      ? gateVerdict({
          summary: outcome.summary,
          results: outcome.results,
          thresholds: suite.thresholds,
          ...(outcome.comparison ? { comparison: outcome.comparison } : {}),
        })
      : undefined;
    const report = { ...outcome, ...(verdict ? { verdict } : {}) };
    if (flags.junit) await writeJunit(flags.junit, junitReport(report));
    if (flags.json) printJson(jsonReport(report));
    else for (const line of terminalReport(report, { color: pc.isColorSupported })) console.log(line);
    if (verdict) process.exitCode = verdict.exitCode;
    return { outcome, ...(verdict ? { verdict } : {}) };
  } finally {
    await context.close();
  }
}
