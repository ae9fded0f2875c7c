// promptfoo import: a promptfooconfig.yaml as Gantry suites (prompts × providers × tests with asserts).
export {
  type ImportedSuite,
  importPromptfooConfig,
  type PromptfooImport,
  type PromptfooImportOptions,
} from "./import-promptfoo-config.js";
export { supportedAssertTypes } from "./map-promptfoo-assert.js";
export { mapPromptfooProvider } from "./map-promptfoo-provider.js";
export { renderPromptfooTemplate } from "./render-promptfoo-template.js";
