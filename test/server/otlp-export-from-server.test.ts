import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/core/index.js";
import { startServer } from "../../src/server/index.js";
import { openStore } from "../../src/store/index.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// gantry up with the standard OTEL_EXPORTER_OTLP_ENDPOINT sends its own spans to that collector too,
// named by the GenAI conventions.
describe("OTLP export from gantry up", () => {
  it("sends chat spans with gen_ai.* attributes to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    const bodies: string[] = [];
    const collector = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        bodies.push(body);
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const root = temporaryWorkspace();
    const store = await openStore({ root });
    const server = await startServer({
      workspace: await loadWorkspace(root),
      store,
      host: "127.0.0.1",
      port: 0,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    });
    try {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "sim:default", messages: [{ role: "user", content: "hello" }] }),
      });
      expect(response.status).toBe(200);
    } finally {
      // Closing flushes the export queues.
      await server.close();
      await store.close();
      await new Promise((resolve) => collector.close(resolve));
    }
    const exported = bodies.join("\n");
    expect(exported).toContain("gen_ai.operation.name");
    expect(exported).toContain("gen_ai.usage.input_tokens");
    expect(exported).toContain("gantry.cost.micros");
  });
});
