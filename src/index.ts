// The public SDK surface of the `gantry` package: what a workspace's gantry.config.ts and user code import.
export {
  defineConfig,
  type GantryConfig,
  type GantryConfigInput,
  GantryError,
  type GantryErrorJSON,
} from "./core/index.js";
