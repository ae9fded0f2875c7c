import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeepAliveFetch } from "./keep-alive-fetch.js";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

describe("createKeepAliveFetch", () => {
  let server: Server;
  let url: string;
  let handler: Handler = (_request, _body, response) => response.end();
  const fetch = createKeepAliveFetch();

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => handler(request, body, response));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("posts a body with its length and returns status, headers and body, reusing the connection", async () => {
    const seen: Array<{ headers: IncomingMessage["headers"]; body: string; port: number | undefined }> = [];
    handler = (request, body, response) => {
      seen.push({ headers: request.headers, body, port: request.socket.remotePort });
      response.writeHead(201, { "content-type": "application/json", "x-request-id": "r1" });
      response.end(JSON.stringify({ echoed: JSON.parse(body) }));
    };
    for (let index = 0; index < 2; index++) {
      const response = await fetch(`${url}/v1/chat`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: "Bearer k",
          "x-skip": undefined,
        } as never,
        body: JSON.stringify({ index }),
      });
      expect(response.status).toBe(201);
      expect(response.ok).toBe(true);
      expect(response.headers.get("x-request-id")).toBe("r1");
      expect(await response.json()).toEqual({ echoed: { index } });
    }
    expect(seen[0]?.headers).toMatchObject({ authorization: "Bearer k", "content-length": "11" });
    expect(seen[0]?.headers["transfer-encoding"]).toBeUndefined();
    expect(seen[0]?.headers["x-skip"]).toBeUndefined();
    expect(seen[1]?.port).toBe(seen[0]?.port);
  });

  it("passes an event stream through as it arrives", async () => {
    let finish: () => void = () => {};
    handler = (_request, _body, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
      finish = () => response.end("data: two\n\n");
    };
    const response = await fetch(url, { method: "POST", body: "{}" });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: one\n\n");
    finish();
    const rest: string[] = [];
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest.push(new TextDecoder().decode(part.value));
    expect(rest.join("")).toBe("data: two\n\n");
  });

  it("rejects with the signal's reason when aborted before or during the call", async () => {
    handler = () => {}; // never answers
    const before = new AbortController();
    before.abort();
    await expect(fetch(url, { signal: before.signal })).rejects.toMatchObject({ name: "AbortError" });
    const during = new AbortController();
    const pending = fetch(url, { method: "POST", body: "{}", signal: during.signal });
    during.abort(new DOMException("caller gave up", "TimeoutError"));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError", message: "caller gave up" });
  });

  it("fails like undici on a refused connection, so the AI SDK calls it retryable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: "fetch failed", cause: { code: "ECONNREFUSED" } });
  });

  it("answers 204 with no body, and hands a Request object to the built-in fetch", async () => {
    handler = (_request, _body, response) => {
      response.writeHead(204);
      response.end();
    };
    const empty = await fetch(url, { method: "DELETE" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const viaBuiltIn = await fetch(new Request(url, { method: "DELETE" }));
    expect(viaBuiltIn.status).toBe(204);
  });
});
