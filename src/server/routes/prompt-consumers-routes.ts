import { Hono } from "hono";
import { GantryError, type JsonValue } from "../../core/index.js";
import { consumerContractFromJson } from "../../prompts/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { parseConsumerBody } from "./prompt-params.js";

// Consumer contracts registered through the API, next to those in `prompts/<id>.consumers.yaml`:
// a service that reads a prompt's output says which fields it relies on, and `gantry prompts check`
// (and the prompts-check gate of a label move) runs the contract on every new version.

function consumerNotFound(id: string, consumer: string): GantryError {
  return new GantryError({
    code: "PROMPT_CONSUMER_NOT_FOUND",
    message: `Prompt ${id} has no consumer "${consumer}" registered through the API`,
    domain: "SERVER",
    category: "USER",
    details: { prompt: id, consumer },
    hint: `GET /api/v1/prompts/${id}/consumers lists them; contracts in prompts/${id}.consumers.yaml are changed in the file.`,
  });
}

/**
 * `GET /api/v1/prompts/:id/consumers` (the file's contracts and the registered ones, each with its
 * origin), `PUT …/consumers/:consumer` with `{ description?, reads }` and `DELETE …/consumers/:consumer`.
 */
export function promptConsumersRoutes(
  context: Pick<ServerContext, "store" | "prompts">,
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  const { registry } = context.prompts;

  app.get("/api/v1/prompts/:id/consumers", async (c) => {
    const id = c.req.param("id");
    await registry.versions(id);
    return c.json({ consumers: await context.prompts.contracts(id) });
  });

  app.put("/api/v1/prompts/:id/consumers/:consumer", async (c) => {
    const id = c.req.param("id");
    const consumer = c.req.param("consumer");
    const body = await parseConsumerBody(c.req.raw);
    await registry.versions(id);
    // The name is the path's; a different one in the body would be a contract for someone else.
    const origin = `PUT /api/v1/prompts/${id}/consumers/${consumer}`;
    const contract = consumerContractFromJson({ ...body, name: body.name ?? consumer }, origin);
    if (contract.consumer !== consumer) {
      throw new GantryError({
        code: "PROMPT_REQUEST_INVALID",
        message: `Invalid request body: name: the consumer in the path is "${consumer}", the body says "${contract.consumer}"`,
        domain: "SERVER",
        category: "USER",
        details: { consumer, name: contract.consumer },
        hint: "Leave `name` out of the body: the path names the consumer.",
      });
    }
    // Stored as the contract file's entry is written, so it is validated the same way when read back.
    const entry: Record<string, JsonValue> = {
      name: consumer,
      ...(contract.description === undefined ? {} : { description: contract.description }),
      reads: contract.reads as unknown as JsonValue,
    };
    const stored = await context.store.prompts.putConsumer({ promptId: id, consumer, contract: entry });
    return c.json({ consumer: stored });
  });

  app.delete("/api/v1/prompts/:id/consumers/:consumer", async (c) => {
    const id = c.req.param("id");
    const consumer = c.req.param("consumer");
    await registry.versions(id);
    if (!(await context.store.prompts.deleteConsumer(id, consumer))) throw consumerNotFound(id, consumer);
    return c.json({ deleted: { promptId: id, consumer } });
  });

  return app;
}
