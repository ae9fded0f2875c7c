import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson } from "../support/read-json.js";
import { startTestGateway, type TestGateway } from "./gateway-server.js";

// Who may use the gateway and how often: rate limits per client and per key, and the gateway scope.

const hello = { model: "tier:small", messages: [{ role: "user" as const, content: "hello" }] };

async function outcome(request: Promise<unknown>): Promise<unknown> {
  return request.then(
    () => "ok",
    (error: unknown) => error,
  );
}

// The server re-reads "does any key exist" at most once a second: poll until keys are in force.
async function waitUntilKeysRequired(url: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/v1/models`)).status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("keys never came into force");
}

describe("gateway rate limits without keys", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway(
      `export default { server: { rateLimits: { requestsPerMinute: 3 } }, models: { tiers: { small: ["sim:fast"] } } };`,
    );
  });
  afterAll(() => gateway?.close());

  it("answers 429 with Retry-After and OpenAI's error once a client used its minute", async () => {
    const client = gateway.client();
    for (let index = 0; index < 3; index++) {
      const { response } = await client.chat.completions.create(hello).withResponse();
      expect(response.headers.get("x-ratelimit-limit-requests")).toBe("3");
      expect(response.headers.get("x-ratelimit-remaining-requests")).toBe(String(2 - index));
    }
    const refused = await outcome(client.chat.completions.create(hello));
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe("GATEWAY_RATE_LIMITED");
    expect(error.type).toBe("rate_limit_error");
    // 3 per minute: the next token is at most 20 s away (less as the bucket refills meanwhile).
    const retryAfter = Number(error.headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    const raw = await fetch(`${gateway.server.url}/v1/models`);
    expect(raw.status).toBe(429);
    expect((await readJson(raw)).error).toMatchObject({ code: "GATEWAY_RATE_LIMITED", param: null });
  });

  it("leaves the rest of the API unlimited", async () => {
    expect((await fetch(`${gateway.server.url}/api/v1/info`)).status).toBe(200);
  });
});

describe("gateway with API keys", () => {
  let gateway: TestGateway;
  let readKey: string;
  let gatewayKey: string;
  let batchKey: string;

  beforeAll(async () => {
    gateway = await startTestGateway(
      `export default {
        server: { rateLimits: { requestsPerMinute: 0, keys: { batch: { requestsPerMinute: 2 } } } },
        models: { tiers: { small: ["sim:fast"] } },
      };`,
    );
    readKey = await gateway.createKey("dashboard", ["read"]);
    gatewayKey = await gateway.createKey("app", ["gateway"]);
    batchKey = await gateway.createKey("batch", ["gateway"]);
    await waitUntilKeysRequired(gateway.server.url);
  });
  afterAll(() => gateway?.close());

  it("refuses an OpenAI placeholder key with 401 once keys exist", async () => {
    const refused = await outcome(gateway.client("sk-placeholder").chat.completions.create(hello));
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(refused).toMatchObject({ code: "AUTH_INVALID_KEY", type: "authentication_error" });
  });

  it("refuses a read-only key with 403 and serves a gateway key", async () => {
    const refused = await outcome(gateway.client(readKey).chat.completions.create(hello));
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(refused).toMatchObject({ status: 403, code: "AUTH_SCOPE_MISSING", type: "permission_error" });
    const completion = await gateway.client(gatewayKey).chat.completions.create(hello);
    expect(completion.model).toBe("sim:fast");
  });

  it("limits each key by its name's limit, independently of other keys", async () => {
    const batch = gateway.client(batchKey);
    expect(await outcome(batch.chat.completions.create(hello))).toBe("ok");
    expect(await outcome(batch.chat.completions.create(hello))).toBe("ok");
    const refused = await outcome(batch.chat.completions.create(hello));
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as Error).message).toContain("API key 'batch'");
    // The default of 0 leaves other keys unlimited.
    for (let index = 0; index < 4; index++)
      expect(await outcome(gateway.client(gatewayKey).chat.completions.create(hello))).toBe("ok");
  });
});
