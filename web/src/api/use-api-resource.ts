import { useCallback, useEffect, useState } from "react";
import type { ResponseParser } from "./api-client.js";
import { toApiError } from "./api-client.js";
import { useApi } from "./api-context.js";
import type { ApiError } from "./api-error.js";

export type ResourceState<Data> =
  | { status: "loading" }
  | { status: "ready"; data: Data; loadedAt: number; refreshing: boolean }
  | { status: "error"; error: ApiError };

export interface ApiResource<Data> {
  state: ResourceState<Data>;
  reload: () => void;
}

/** Loads one GET endpoint; `parse` must be a stable function (declared at module level). */
export function useApiResource<Data>(path: string, parse: ResponseParser<Data>): ApiResource<Data> {
  const { client, reportAuthRequired } = useApi();
  const [state, setState] = useState<ResourceState<Data>>({ status: "loading" });
  const [reloadCount, setReloadCount] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadCount is the reload trigger.
  useEffect(() => {
    const controller = new AbortController();
    // Keep showing loaded data while refreshing, so the page does not flash.
    setState((previous) =>
      previous.status === "ready" ? { ...previous, refreshing: true } : { status: "loading" },
    );
    client.getJson(path, parse, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted)
          setState({ status: "ready", data, loadedAt: Date.now(), refreshing: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = toApiError(error);
        setState({ status: "error", error: apiError });
        if (apiError.isAuthRequired) reportAuthRequired(apiError);
      },
    );
    return () => controller.abort();
  }, [client, path, parse, reportAuthRequired, reloadCount]);

  const reload = useCallback(() => setReloadCount((count) => count + 1), []);
  return { state, reload };
}
