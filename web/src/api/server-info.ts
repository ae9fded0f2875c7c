import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";

/** GET /api/v1/info: what this control plane is, where its data lives and which models it can call. */
const serverInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  workspace: z.object({ name: z.string(), root: z.string() }),
  store: z.object({
    kind: z.enum(["sqlite", "postgres"]),
    location: z.string(),
    migrationsCurrent: z.boolean(),
  }),
  models: z.array(z.object({ id: z.string(), provider: z.string(), default: z.boolean() })),
  tiers: z.record(z.string(), z.array(z.string())),
  auth: z.object({ required: z.boolean() }),
  uptimeSeconds: z.number(),
});

export type ServerInfo = z.infer<typeof serverInfoSchema>;
export type StoreKind = ServerInfo["store"]["kind"];

export const serverInfoPath = "/api/v1/info";

/** Validates the info answer; a mismatch names the fields, so a server/dashboard version skew is obvious. */
export const parseServerInfo = createResponseParser(serverInfoSchema, serverInfoPath);
