import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, repositoryRoot } from "../support/built-package.js";
import { readJson } from "../support/read-json.js";
import { startProcess } from "../support/running-process.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("npm start", () => {
  it("serves the example workspace with demo traces and an eval run, answers /healthz, and stops cleanly on Ctrl-C", async () => {
    // Port 0 instead of 4680 so the test never collides with a developer's running server; a fresh
    // store (GANTRY_DATABASE_URL) so the first-start demo traffic runs whatever earlier runs left.
    const root = temporaryWorkspace();
    const start = startProcess("npm", ["start", "--", "--port", "0"], {
      cwd: repositoryRoot,
      env: { GANTRY_DATABASE_URL: join(root, "gantry.db") },
    });
    try {
      const [, url] = await start.waitFor(/dashboard\s+(http:\/\/\S+?)\/\s/, 60_000);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const info = await readJson(await fetch(`${url}/api/v1/info`));
      expect(info.workspace.name).toBe("support-desk");
      const dashboard = await fetch(`${url}/`);
      expect(await dashboard.text()).toContain('<div id="root"');
      // The first start sends simulated calls through the gateway; their chat spans reach the traces API.
      const deadline = Date.now() + 20_000;
      let traces: { rootName: string; costMicros: number | null }[] = [];
      while (Date.now() < deadline && traces.length === 0) {
        traces = (await readJson(await fetch(`${url}/api/v1/traces`))).traces;
        if (traces.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(traces.length).toBeGreaterThan(0);
      expect(traces[0]!.rootName).toMatch(/^chat /);
      expect(traces[0]!.costMicros).toBeGreaterThan(0);
      // After the demo runs it starts an eval run of the example's triage suite, which the Evals page
      // shows (the prompt release before it may have run the prompt's own gate suite too).
      type EvalRunJson = {
        suite: string;
        label: string | null;
        status: string;
        summary: { cases: number } | null;
      };
      const evalDeadline = Date.now() + 60_000;
      let demoRun: EvalRunJson | undefined;
      while (Date.now() < evalDeadline && demoRun?.status !== "completed") {
        const { runs } = (await readJson(await fetch(`${url}/api/v1/evals/runs?suite=triage`))) as {
          runs: EvalRunJson[];
        };
        demoRun = runs[0];
        if (demoRun?.status !== "completed") await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(demoRun).toMatchObject({ suite: "triage", label: "demo", status: "completed" });
      expect(demoRun!.summary!.cases).toBe(3);
      expect(start.output()).toContain("started an eval run of the triage suite");
    } finally {
      // A terminal's Ctrl-C goes to the whole foreground process group: npm and gantry alike.
      process.kill(-start.child.pid!, "SIGINT");
    }
    const exit = await start.exited();
    expect(start.output()).toContain("stopped");
    expect(start.output()).not.toMatch(/again: exiting now|Error|ERR!/);
    expect([0, "SIGINT"]).toContain(exit);
  });
});
