import { createRequire } from "node:module";
import type * as CedarWasm from "@cedar-policy/cedar-wasm/nodejs";

// The Cedar engine: the Node build of @cedar-policy/cedar-wasm (CommonJS, loads its .wasm synchronously),
// required once per process. Every policy in Gantry is decided by this one engine, YAML rules included.

export type {
  AuthorizationAnswer,
  DetailedError,
  EntityJson,
  PolicyJson,
  SchemaJson,
  StatefulAuthorizationCall,
  TypeAndId,
  ValidationAnswer,
} from "@cedar-policy/cedar-wasm/nodejs";

type CedarModule = typeof CedarWasm;

let loaded: CedarModule | undefined;

/** The Cedar wasm module (loaded on first use, shared by every policy point in the process). */
export function cedar(): CedarModule {
  if (!loaded) loaded = createRequire(import.meta.url)("@cedar-policy/cedar-wasm/nodejs") as CedarModule;
  return loaded;
}
