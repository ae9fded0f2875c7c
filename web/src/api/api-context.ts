import { createContext, useContext } from "react";
import type { ApiClient } from "./api-client.js";
import type { ApiError } from "./api-error.js";

export interface ApiContextValue {
  client: ApiClient;
  /** Called when the server answers 401, so the app can ask for an API key. */
  reportAuthRequired: (error: ApiError) => void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

/** The API client of the signed-in session; only usable under <ApiContext.Provider>. */
export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (value === null) throw new Error("useApi() was called outside <ApiContext.Provider>.");
  return value;
}
