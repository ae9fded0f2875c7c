// The evals module's only entry point: datasets, scorers and judges, the runner, reports, the CI
// gate, online scoring and synthetic tier benchmarks.

export * from "./calibration/index.js";
export * from "./compare/index.js";
export * from "./datasets/index.js";
export * from "./eval-spec.js";
export * from "./gate/index.js";
export * from "./judge/index.js";
export * from "./online/index.js";
export * from "./promptfoo/index.js";
export * from "./report/index.js";
export * from "./runner/index.js";
export * from "./scorers/index.js";
export * from "./stats/index.js";
export * from "./suite/index.js";
export * from "./tiers/index.js";
