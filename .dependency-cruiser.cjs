// The layer rule from DESIGN.md: lower layers never import higher ones, and other modules enter a
// module only through its index.ts. Layers are listed once, in layers.json.
const layers = require("./layers.json");

const modules = Object.keys(layers).filter((name) => !name.startsWith("$"));
const rules = [];
for (const from of modules) {
  const higher = modules.filter((to) => layers[to] > layers[from]);
  if (higher.length === 0) continue;
  rules.push({
    name: `layer-${from}`,
    comment: `${from} (layer ${layers[from]}) must not import a higher layer: ${higher.join(", ")}`,
    severity: "error",
    from: { path: `(^|/)src/${from}/` },
    to: { path: `(^|/)src/(${higher.join("|")})/` },
  });
}

module.exports = {
  forbidden: [
    ...rules,
    {
      name: "module-entry-point",
      comment: "Import another module through its index.ts only; its other files are private.",
      severity: "error",
      from: { path: "(^|/)src/([^/]+)/" },
      to: { path: "(^|/)src/([^/]+)/.+", pathNot: ["(^|/)src/$2/", "(^|/)src/[^/]+/index\\.ts$"] },
    },
    {
      name: "no-unknown-module",
      comment: "Every folder under src/ must be a module listed in layers.json.",
      severity: "error",
      from: { path: "(^|/)src/" },
      to: { path: `(^|/)src/(?!(${modules.join("|")})/)[^/]+/` },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(node_modules|\\.test\\.ts$)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
