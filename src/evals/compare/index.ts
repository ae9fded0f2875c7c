// Comparing an eval run with a baseline run: per-case verdicts, flips, significance and noise floor.

export {
  type CaseVerdict,
  caseVerdicts,
  groupByCase,
  majorityVerdict,
  type TrialOutcome,
} from "./case-verdict.js";
export { type ComparableRun, compareRuns, noiseFloor } from "./compare-runs.js";
