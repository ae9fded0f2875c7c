// The evals module's only entry point: datasets, scorers and judges, the runner, reports, the CI
// gate, online scoring and synthetic tier benchmarks.

export * from "./eval-spec.js";
