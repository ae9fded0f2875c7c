import { Hono } from "hono";
import { approvalNotFound } from "../../guard/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { parseApprovalListQuery, parseDecisionBody } from "./approvals-params.js";

/**
 * `GET /api/v1/approvals` (newest first, by status and run), `GET /api/v1/approvals/:id`, and
 * `POST /api/v1/approvals/:id/approve|deny` with `{ note? }` (scope `write`). The approver is the
 * API key's id, or `dashboard` on an open loopback server (no key in force: whoever reaches it is
 * on this machine). The answer carries how to resume the run.
 */
export function approvalsRoutes(
  context: Pick<ServerContext, "approvals">,
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.get("/api/v1/approvals", async (c) => {
    const approvals = await context.approvals.list(parseApprovalListQuery(c.req.query()));
    return c.json({ approvals });
  });

  app.get("/api/v1/approvals/:id", async (c) => {
    const id = c.req.param("id");
    const approval = await context.approvals.get(id);
    if (approval === undefined) throw approvalNotFound(id);
    return c.json({ approval });
  });

  for (const verb of ["approve", "deny"] as const) {
    app.post(`/api/v1/approvals/:id/${verb}`, async (c) => {
      const body = await parseDecisionBody(c.req.raw);
      const by = { approver: c.get("apiKey")?.id ?? "dashboard", ...body };
      const id = c.req.param("id");
      const approval =
        verb === "approve" ? await context.approvals.approve(id, by) : await context.approvals.deny(id, by);
      return c.json({
        approval,
        resume: {
          runId: approval.runId,
          command: `gantry run --resume ${approval.runId}`,
          url: `/api/v1/runs/${approval.runId}/resume`,
        },
      });
    });
  }
  return app;
}
