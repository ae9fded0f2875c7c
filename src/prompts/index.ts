export * from "./parse-prompt-file.js";
export * from "./prompt-file-schema.js";
export * from "./render-prompt.js";
