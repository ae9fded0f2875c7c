// Datasets: the case schema, dataset files (JSONL or YAML) and versions by content hash.
export { type CaseFromTraceInput, caseFromTrace, caseIdForTrace, runOfTrace } from "./case-from-trace.js";
export { datasetOf } from "./dataset-of.js";
export { caseIdPattern, evalCaseListSchema, evalCaseSchema } from "./eval-case-schema.js";
export { type DatasetFormat, exportDataset } from "./export-dataset.js";
export { datasetName, parseDatasetFile } from "./parse-dataset-file.js";
