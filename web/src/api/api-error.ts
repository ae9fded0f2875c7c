/** What the Gantry API answers on failure: `{ "error": { "code": "UPPER_SNAKE", "message": "…" } }`. */
export interface ApiErrorOptions {
  /** HTTP status, or 0 when no answer came back (network failure). */
  status: number;
  code: string;
  message: string;
  hint?: string | undefined;
}

/** A failed API call: an error the server answered, a network failure, or an answer we cannot read. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;

  constructor(options: ApiErrorOptions) {
    super(options.message);
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.hint = options.hint;
  }

  /** True when the server wants an API key (none sent, or the one sent was not accepted). */
  get isAuthRequired(): boolean {
    return this.status === 401 || this.code === "AUTH_REQUIRED";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx answer into an ApiError, keeping the server's code and message when it sent them. */
export function parseApiError(status: number, statusText: string, bodyText: string): ApiError {
  const body = parseJson(bodyText);
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === "string" && typeof error.message === "string") {
    const hint = typeof error.hint === "string" ? error.hint : undefined;
    return new ApiError({ status, code: error.code, message: error.message, hint });
  }
  // A proxy's HTML error page or an empty body: say what we know rather than showing raw markup.
  const reason = statusText.trim() === "" ? "" : ` ${statusText.trim()}`;
  return new ApiError({
    status,
    code: status === 401 ? "AUTH_REQUIRED" : `HTTP_${status}`,
    message: `The server answered ${status}${reason} without an error description.`,
  });
}
