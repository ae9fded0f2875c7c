import { describe, expect, it } from "vitest";
import { createApiClient, toApiError } from "../../web/src/api/api-client.js";
import { ApiError } from "../../web/src/api/api-error.js";

interface RecordedRequest {
  url: string;
  headers: Headers;
}

function fakeFetch(respond: () => Response, requests: RecordedRequest[] = []): typeof fetch {
  return async (input, init) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) });
    return respond();
  };
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const identity = (value: unknown) => value;

async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

describe("createApiClient", () => {
  it("sends the API key as a bearer token and returns the parsed body", async () => {
    const requests: RecordedRequest[] = [];
    const client = createApiClient({
      fetch: fakeFetch(() => jsonResponse(200, { ok: true }), requests),
      apiKey: "gantry_secret",
      baseUrl: "http://control-plane.test",
    });
    await expect(client.getJson("/api/v1/info", identity)).resolves.toEqual({ ok: true });
    expect(requests[0]?.url).toBe("http://control-plane.test/api/v1/info");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer gantry_secret");
    expect(requests[0]?.headers.get("accept")).toBe("application/json");
  });

  it("sends no Authorization header without a key", async () => {
    const requests: RecordedRequest[] = [];
    const client = createApiClient({ fetch: fakeFetch(() => jsonResponse(200, {}), requests), apiKey: null });
    await client.getJson("/api/v1/info", identity);
    expect(requests[0]?.headers.has("authorization")).toBe(false);
  });

  it("turns a 401 into an ApiError that asks for a key", async () => {
    const client = createApiClient({
      fetch: fakeFetch(() =>
        jsonResponse(401, { error: { code: "AUTH_REQUIRED", message: "This server requires an API key." } }),
      ),
      apiKey: null,
    });
    const error = await rejectionOf(client.getJson("/api/v1/info", identity));
    expect(error.isAuthRequired).toBe(true);
    expect(error.message).toBe("This server requires an API key.");
  });

  it("reports a network failure as NETWORK_ERROR", async () => {
    const client = createApiClient({
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
      apiKey: null,
    });
    const error = await rejectionOf(client.getJson("/api/v1/info", identity));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.status).toBe(0);
    expect(error.message).toContain("fetch failed");
  });

  it("reports a 200 that is not JSON as INVALID_RESPONSE", async () => {
    const client = createApiClient({
      fetch: fakeFetch(() => new Response("<!doctype html><html></html>", { status: 200 })),
      apiKey: null,
    });
    const error = await rejectionOf(client.getJson("/api/v1/info", identity));
    expect(error.code).toBe("INVALID_RESPONSE");
  });

  it("lets an abort through untouched so callers can ignore it", async () => {
    const client = createApiClient({
      fetch: async () => {
        throw new DOMException("The operation was aborted.", "AbortError");
      },
      apiKey: null,
    });
    await expect(client.getJson("/api/v1/info", identity)).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("toApiError", () => {
  it("keeps an ApiError and wraps anything else", () => {
    const original = new ApiError({ status: 500, code: "X", message: "y" });
    expect(toApiError(original)).toBe(original);
    const wrapped = toApiError(new Error("parse failed"));
    expect(wrapped.code).toBe("CLIENT_ERROR");
    expect(wrapped.message).toBe("parse failed");
  });
});
