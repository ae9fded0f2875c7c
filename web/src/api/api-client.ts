import { ApiError, parseApiError } from "./api-error.js";

export interface ApiClientOptions {
  /** The fetch to use; injected so tests can answer without a network. */
  fetch: typeof fetch;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey: string | null;
  /** Prefix for request paths; empty means the dashboard's own origin. */
  baseUrl?: string;
}

/** Reads and validates one JSON answer; throws an ApiError when the shape is wrong. */
export type ResponseParser<Data> = (value: unknown) => Data;

export interface ApiClient {
  getJson<Data>(path: string, parse: ResponseParser<Data>, signal?: AbortSignal): Promise<Data>;
  /** POSTs `body` as JSON (an approval decision) and parses the answer like `getJson`. */
  postJson<Data>(path: string, body: unknown, parse: ResponseParser<Data>): Promise<Data>;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** A small client for the control plane's JSON API; every failure comes out as an ApiError. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? "";

  async function requestJson<Data>(
    method: "GET" | "POST",
    path: string,
    parse: ResponseParser<Data>,
    init: { body?: unknown; signal?: AbortSignal },
  ) {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.apiKey !== null) headers.Authorization = `Bearer ${options.apiKey}`;
    if (init.body !== undefined) headers["Content-Type"] = "application/json";

    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        signal: init.signal,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      const detail = error instanceof Error ? ` (${error.message})` : "";
      throw new ApiError({
        status: 0,
        code: "NETWORK_ERROR",
        message: `Could not reach the Gantry server${detail}.`,
        hint: "Check that the control plane is running, then try again.",
      });
    }

    const bodyText = await response.text();
    if (!response.ok) throw parseApiError(response.status, response.statusText, bodyText);

    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      throw new ApiError({
        status: response.status,
        code: "INVALID_RESPONSE",
        message: `${method} ${path} answered something that is not JSON.`,
      });
    }
    return parse(body);
  }

  return {
    getJson: (path, parse, signal) => requestJson("GET", path, parse, { signal }),
    postJson: (path, body, parse) => requestJson("POST", path, parse, { body }),
  };
}

/** Normalises anything thrown during a request into an ApiError for display. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, code: "CLIENT_ERROR", message });
}
