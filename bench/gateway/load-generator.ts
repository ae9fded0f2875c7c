import { Agent, request } from "node:http";

/** One HTTP target of the benchmark: where to POST and what to send. */
export interface LoadTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one run of requests measured. */
export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
  firstError?: string;
}

// Keep-alive sockets, one per worker, as a client library pools them: connection set-up is not measured.
function post(agent: Agent, target: LoadTarget): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(target.body),
          ...target.headers,
        },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(target.body);
  });
}

/** Sends `count` requests to `target` from `concurrency` workers; every answer must be a 200 chat completion. */
export async function runLoad(target: LoadTarget, count: number, concurrency: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = process.hrtime.bigint();
      try {
        const response = await post(agent, target);
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        if (response.status === 200 && response.body.includes('"chat.completion"')) latenciesMs.push(elapsed);
        else {
          errors += 1;
          firstError ??= `${response.status} ${response.body.slice(0, 200)}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { latenciesMs, wallMs, errors, ...(firstError ? { firstError } : {}) };
}

/** The `fraction` quantile (0.5 = median) of unsorted values, by nearest rank. */
export function quantile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
