import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApiKeyStore, type KeyValueStorage } from "./api/api-key-store.js";
import { App } from "./app.js";
import "./styles.css";

function sessionStorageOrNull(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Some privacy settings throw on access; the key then lives in memory for this page only.
    return null;
  }
}

const rootElement = document.getElementById("root");
if (rootElement === null) throw new Error("index.html has no element with id 'root'.");

createRoot(rootElement).render(
  <StrictMode>
    <App keyStore={createApiKeyStore(sessionStorageOrNull())} />
  </StrictMode>,
);
