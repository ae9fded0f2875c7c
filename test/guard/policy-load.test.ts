import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compilePolicySources, createCedarPolicyPoint, loadPolicies } from "../../src/guard/index.js";
import { catchGantryError } from "../support/catch-gantry-error.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";
import { toolCall, workspace } from "./policy-fixtures.js";

// Loading policies: a policy Gantry cannot read stops the load with file, line and column (acceptance
// 5 at the loader; start-up wiring is the runtime's), and the support desk's own policies load.

function workspaceWith(files: Record<string, string>): string {
  const root = temporaryWorkspace();
  mkdirSync(join(root, "policies"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "policies", name), text);
  return root;
}

describe("loadPolicies", () => {
  it("names file, line and column of a syntax error", () => {
    const root = workspaceWith({
      "a.cedar": `permit (principal, action == Action::"tool:lookup_order", resource);\n`,
      "b.cedar": [
        "// refunds",
        `permit (principal, action == Action::"tool:check_ticket", resource);`,
        "",
        `permit (principal, action == Action::"tool:issue_refund", resource)`,
        "when { context.args.amountUsd < };",
      ].join("\n"),
    });
    const error = catchGantryError(() => loadPolicies({ root, workspace }));
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.message).toContain("policies/b.cedar:5:33");
    expect(error.details).toMatchObject({ file: "policies/b.cedar", line: 5, column: 33 });
    expect(error.message).toMatch(/unexpected token `}`/);
    expect(error.hint).toContain("does not start");
  });

  it("names file, line and column of a validation error inside a later policy", () => {
    const root = workspaceWith({
      "default.cedar": [
        `permit (principal, action == Action::"tool:lookup_order", resource);`,
        "",
        "// a typo in the argument name",
        '@reason("small refunds")',
        `permit (principal, action == Action::"tool:issue_refund", resource)`,
        `when { context.args.amountUSD.lessThan(decimal("10.0")) };`,
      ].join("\n"),
    });
    const error = catchGantryError(() => loadPolicies({ root, workspace }));
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.details).toMatchObject({ file: "policies/default.cedar", line: 6, column: 8 });
    expect(error.message).toMatch(/amountUSD/);
  });

  it("refuses an unknown action, an unknown agent and a type mismatch, each located", () => {
    const root = workspaceWith({
      "x.cedar": [
        `permit (principal, action == Action::"tool:lookup_ordr", resource);`,
        `permit (principal == Agent::"triag", action == Action::"tool:lookup_order", resource);`,
        `permit (principal, action == Action::"tool:issue_refund", resource) when { context.args.amountUsd < 10 };`,
      ].join("\n"),
    });
    const error = catchGantryError(() => loadPolicies({ root, workspace }));
    const problems = error.details.problems as Array<{ line: number; message: string }>;
    expect(problems.map((problem) => problem.line)).toEqual([1, 2, 3]);
    expect(problems[0]?.message).toMatch(/unrecognized action `Action::"tool:lookup_ordr"`/);
    expect(problems[1]?.message).toContain('unknown agent Agent::"triag"');
    expect(problems[2]?.message).toMatch(/decimal/);
  });

  it("refuses templates and bad annotations", () => {
    const templates = workspaceWith({ "t.cedar": `permit (principal == ?principal, action, resource);` });
    const template = catchGantryError(() => loadPolicies({ root: templates, workspace }));
    expect(template.message).toContain("policies/t.cedar:1:22: templates");
    const redact = workspaceWith({
      "r.cedar": `\n@redact("cardNumber")\npermit (principal, action, resource);`,
    });
    const error = catchGantryError(() => loadPolicies({ root: redact, workspace }));
    expect(error.details).toMatchObject({ file: "policies/r.cedar", line: 2 });
    expect(error.message).toContain("must name an argument");
  });

  it("loads nothing without a policies folder, and warns that every tool call is denied", () => {
    const root = temporaryWorkspace();
    const loaded = loadPolicies({ root, workspace });
    expect(loaded.files).toEqual([]);
    expect(loaded.warnings).toEqual([expect.stringContaining("every tool call is denied (default deny)")]);
    expect(
      createCedarPolicyPoint({ policies: loaded }).decide(
        toolCall("lookup_order", { args: { orderId: "A" } }),
      ).effect,
    ).toBe("deny");
  });

  it("ignores files that are not policies and reads files in name order", () => {
    const root = workspaceWith({
      "b.cedar": `permit (principal, action == Action::"tool:check_ticket", resource);`,
      "a.cedar": `permit (principal, action == Action::"tool:lookup_order", resource);`,
      "notes.md": "not a policy",
    });
    const loaded = loadPolicies({ root, workspace });
    expect(loaded.files).toEqual(["policies/a.cedar", "policies/b.cedar"]);
    expect(loaded.policies.map((policy) => policy.id)).toEqual([
      "policies/a.cedar:1",
      "policies/b.cedar:1",
      "gantry:models-open",
    ]);
  });

  it("gives two policies on one line distinct ids", () => {
    const loaded = compilePolicySources({
      sources: [
        {
          file: "policies/one.cedar",
          text: `permit (principal, action == Action::"tool:lookup_order", resource); permit (principal, action == Action::"tool:check_ticket", resource);`,
        },
      ],
      workspace,
    });
    expect(loaded.policies.map((policy) => policy.id)).toEqual([
      "policies/one.cedar:1",
      "policies/one.cedar:1:70",
      "gantry:models-open",
    ]);
  });

  it("loads the support desk's policies and decides its agents' calls", () => {
    const schema = (shape: z.ZodObject) => z.toJSONSchema(shape, { io: "input" }) as never;
    const supportDesk = {
      agents: ["triage", "looper"],
      tools: [
        {
          name: "lookup_order",
          annotations: { readOnly: true, idempotent: true },
          inputSchema: schema(z.object({ orderId: z.string() })),
        },
        {
          name: "issue_refund",
          annotations: { destructive: true, idempotent: false },
          inputSchema: schema(z.object({ orderId: z.string(), amountUsd: z.number().positive().max(500) })),
        },
        {
          name: "check_ticket",
          annotations: { readOnly: true },
          inputSchema: schema(z.object({ ticketId: z.string() })),
        },
      ],
      models: ["sim:default", "sim:fast"],
    };
    const root = join(import.meta.dirname, "../../examples/support-desk");
    const point = createCedarPolicyPoint({ policies: loadPolicies({ root, workspace: supportDesk }) });
    const call = (
      tool: string,
      args: Record<string, string | number>,
      agent = "triage",
      approved?: boolean,
    ) =>
      point.decide({
        ...toolCall(tool, { agent, args, approved }),
        action: {
          kind: "tool",
          tool,
          source: "function",
          annotations: supportDesk.tools.find((candidate) => candidate.name === tool)?.annotations ?? {
            destructive: true,
          },
        },
      });
    expect(call("lookup_order", { orderId: "A-1001" }).effect).toBe("allow");
    expect(call("check_ticket", { ticketId: "T-77" }, "looper").effect).toBe("allow");
    expect(call("issue_refund", { orderId: "A-1001", amountUsd: 42.5 })).toMatchObject({
      effect: "allow",
      invariant: "refund-limit",
    });
    expect(call("issue_refund", { orderId: "A-1001", amountUsd: 129 }).effect).toBe("require_approval");
    expect(call("issue_refund", { orderId: "A-1001", amountUsd: 129 }, "triage", true).effect).toBe("allow");
    expect(call("issue_refund", { orderId: "A-1001", amountUsd: 20 }, "looper").effect).toBe("deny");
    expect(call("delete_database", {})).toMatchObject({ effect: "deny", invariant: "no-data-loss" });
    expect(call("destroy_environment", { environment: "production" }).effect).toBe("deny");
  });
});
