export * from "./canonical-json.js";
export * from "./clock.js";
export * from "./config/index.js";
export * from "./errors.js";
export * from "./ids.js";
export * from "./package-info.js";
export * from "./point-in-time.js";
export * from "./result.js";
