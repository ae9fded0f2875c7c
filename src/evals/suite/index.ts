// Suite files: `evals/<suite>.yaml` parsed into a SuiteDefinition, and loading a suite with its dataset.
export { type AppendedCase, appendCaseToSuite } from "./append-case-to-suite.js";
export { type LoadedSuite, listSuiteFiles, loadSuite } from "./load-suite.js";
export { parseSuiteFile } from "./parse-suite-file.js";
export type { SuiteDefinition, SuiteThresholds } from "./suite-definition.js";
