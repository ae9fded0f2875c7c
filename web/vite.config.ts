import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Paths are resolved from this file so `vite build --config web/vite.config.ts` works from any directory.
const webRoot = fileURLToPath(new URL(".", import.meta.url));
const outputDirectory = fileURLToPath(new URL("../dist/web", import.meta.url));

// In `vite dev`, API calls go to a running control plane (`npm start` listens on 127.0.0.1:4680 by default).
const controlPlaneUrl = process.env.GANTRY_SERVER_URL ?? "http://127.0.0.1:4680";

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir: outputDirectory,
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": controlPlaneUrl,
      "/v1": controlPlaneUrl,
      "/healthz": controlPlaneUrl,
    },
  },
});
