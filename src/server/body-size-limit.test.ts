import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bodySizeLimit } from "./body-size-limit.js";
import { errorResponse } from "./error-response.js";

function app(maxBytes: number): Hono {
  const hono = new Hono();
  hono.onError((error, c) => errorResponse(c, error));
  hono.use("*", bodySizeLimit(maxBytes));
  hono.post("/", async (c) => c.json({ length: (await c.req.text()).length }));
  hono.get("/", (c) => c.json({ ok: true }));
  return hono;
}

describe("bodySizeLimit", () => {
  it("passes bodies within the limit and GETs without a body", async () => {
    const response = await app(10).request("/", {
      method: "POST",
      body: "12345",
      headers: { "content-length": "5" },
    });
    expect(await response.json()).toEqual({ length: 5 });
    expect((await app(10).request("/")).status).toBe(200);
  });

  it("refuses a declared length over the limit without reading the body", async () => {
    const response = await app(10).request("/", {
      method: "POST",
      body: "x".repeat(11),
      headers: { "content-length": "11" },
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("REQUEST_TOO_LARGE");
  });

  it("counts a chunked body as it streams and refuses it past the limit", async () => {
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of text.match(/.{1,4}/g) ?? []) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      });
    const over = await app(10).request("/", {
      method: "POST",
      body: chunked("x".repeat(20)),
      duplex: "half",
    } as RequestInit);
    expect(over.status).toBe(413);
    const within = await app(10).request("/", {
      method: "POST",
      body: chunked("x".repeat(8)),
      duplex: "half",
    } as RequestInit);
    expect(await within.json()).toEqual({ length: 8 });
  });
});
