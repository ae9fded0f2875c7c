export * from "./check-declared-bump.js";
export * from "./classify-change.js";
export * from "./parse-prompt-file.js";
export * from "./prompt-file-schema.js";
export * from "./render-prompt.js";
