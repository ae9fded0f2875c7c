import { describe, expect, it } from "vitest";
import { ApiError, parseApiError } from "../../web/src/api/api-error.js";

describe("parseApiError", () => {
  it("keeps the server's code, message and hint", () => {
    const body = JSON.stringify({
      error: { code: "STORE_UNAVAILABLE", message: "The store is locked.", hint: "Stop the other process." },
    });
    const error = parseApiError(503, "Service Unavailable", body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.code).toBe("STORE_UNAVAILABLE");
    expect(error.message).toBe("The store is locked.");
    expect(error.hint).toBe("Stop the other process.");
    expect(error.isAuthRequired).toBe(false);
  });

  it("recognises AUTH_REQUIRED on a 401", () => {
    const body = JSON.stringify({ error: { code: "AUTH_REQUIRED", message: "Send an API key." } });
    const error = parseApiError(401, "Unauthorized", body);
    expect(error.code).toBe("AUTH_REQUIRED");
    expect(error.message).toBe("Send an API key.");
    expect(error.isAuthRequired).toBe(true);
  });

  it("describes a body that is not JSON without echoing it", () => {
    const error = parseApiError(502, "Bad Gateway", "<html><body>nginx</body></html>");
    expect(error.code).toBe("HTTP_502");
    expect(error.message).toBe("The server answered 502 Bad Gateway without an error description.");
    expect(error.message).not.toContain("nginx");
  });

  it("ignores JSON that is not the error shape", () => {
    const error = parseApiError(500, "", JSON.stringify({ error: "boom" }));
    expect(error.code).toBe("HTTP_500");
    expect(error.message).toBe("The server answered 500 without an error description.");
  });

  it("treats any 401 as a request for a key, even with an empty body", () => {
    const error = parseApiError(401, "Unauthorized", "");
    expect(error.code).toBe("AUTH_REQUIRED");
    expect(error.isAuthRequired).toBe(true);
  });
});
