import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";

/** The recorded provider traffic in test/fixtures/provider-wire (see its README for the format). */
export const providerWireFolder = join(import.meta.dirname, "..", "fixtures", "provider-wire");

/** The lines of a recorded `*.chunks.txt` stream, one event's JSON per line. */
export function readChunkLines(name: string): string[] {
  return readFileSync(join(providerWireFolder, name), "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0);
}

/** A recorded unstreamed response body (`*.json`). */
export function readRecordedJson(name: string): unknown {
  return JSON.parse(readFileSync(join(providerWireFolder, name), "utf8"));
}

/** What the server answers: SSE lines for `"stream": true` requests, this JSON body otherwise. */
export interface Replay {
  /** `anthropic`: `event: <type>` + `data:` per line; `openai`: `data:` per line, then `data: [DONE]`. */
  dialect: "anthropic" | "openai";
  streamLines?: readonly string[];
  json?: unknown;
}

/** A loopback HTTP server replaying one recorded response; `requests` holds the bodies it received. */
export interface ReplayServer {
  /** Base URL (`http://127.0.0.1:<port>/v1`) to give the provider as `baseURL`. */
  baseURL: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  /** Replaces what later requests are answered with. */
  replay(next: Replay): void;
  close(): Promise<void>;
}

/** Starts a replay server on 127.0.0.1 with an ephemeral port. */
export async function startReplayServer(initial: Replay): Promise<ReplayServer> {
  let current = initial;
  const requests: ReplayServer["requests"] = [];
  const server: Server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)) || "{}") as Record<string, unknown>;
    requests.push({ path: request.url ?? "", body });
    if (body.stream === true) {
      if (!current.streamLines) return void response.writeHead(500).end("no stream recorded");
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const line of current.streamLines) {
        if (current.dialect === "anthropic") {
          const type = (JSON.parse(line) as { type: string }).type;
          response.write(`event: ${type}\ndata: ${line}\n\n`);
        } else {
          response.write(`data: ${line}\n\n`);
        }
      }
      if (current.dialect === "openai") response.write("data: [DONE]\n\n");
      response.end();
      return;
    }
    if (current.json === undefined) return void response.writeHead(500).end("no JSON body recorded");
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(current.json));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    replay(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The stream's `finish` part, after consuming the whole stream; an `error` part fails the test. */
export async function readFinishPart(
  stream: ReadableStream<LanguageModelV3StreamPart>,
): Promise<Extract<LanguageModelV3StreamPart, { type: "finish" }>> {
  let finish: Extract<LanguageModelV3StreamPart, { type: "finish" }> | undefined;
  for await (const part of stream) {
    if (part.type === "error") throw new Error(`stream error part: ${String(part.error)}`);
    if (part.type === "finish") finish = part;
  }
  if (!finish) throw new Error("the stream ended without a finish part");
  return finish;
}
