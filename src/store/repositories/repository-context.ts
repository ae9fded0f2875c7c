import type { Kysely } from "kysely";
import type { Clock } from "../../core/index.js";
import type { Database } from "../database.js";
import type { StoreKind } from "../store-spec.js";

/** What every repository is built from. */
export interface RepositoryContext {
  db: Kysely<Database>;
  kind: StoreKind;
  clock: Clock;
}
