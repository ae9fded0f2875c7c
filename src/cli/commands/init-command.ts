import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { GantryError, packageRoot } from "../../core/index.js";

/** The scaffold copied by `gantry init`, shipped with the package. */
export function workspaceTemplateFolder(): string {
  return join(packageRoot(), "templates", "workspace");
}

function listFiles(folder: string, prefix = ""): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(folder, entry.name), join(prefix, entry.name))
      : [join(prefix, entry.name)],
  );
}

/** Scaffolds a workspace in `target`; never overwrites a file unless `force`. Returns the files written. */
export function scaffoldWorkspace(
  target: string,
  options: { name?: string; force?: boolean } = {},
): string[] {
  const template = workspaceTemplateFolder();
  const files = listFiles(template);
  const name = options.name ?? (basename(target).replace(/[^A-Za-z0-9_-]/g, "-") || "workspace");
  const targetName = (file: string) => file.replace(/^_gitignore$/, ".gitignore");
  const existing = files.filter((file) => existsSync(join(target, targetName(file))));
  if (existing.length > 0 && !options.force) {
    throw new GantryError({
      code: "INIT_WOULD_OVERWRITE",
      message: `${target} already has ${existing.map(targetName).join(", ")}`,
      domain: "CLI",
      category: "USER",
      details: { target, existing },
      hint: "Choose an empty folder, or pass --force to overwrite these files.",
    });
  }
  mkdirSync(target, { recursive: true });
  for (const file of files) {
    const destination = join(target, targetName(file));
    mkdirSync(resolve(destination, ".."), { recursive: true });
    const text = readFileSync(join(template, file), "utf8").replaceAll("__WORKSPACE_NAME__", name);
    writeFileSync(destination, text);
  }
  linkGantry(target);
  return files.map(targetName);
}

// Links this copy of gantry into the workspace (as `npm link` would), so `npx gantry` and the
// config's `import … from "gantry"` work offline without publishing or installing anything.
function linkGantry(target: string): void {
  const modules = join(target, "node_modules");
  const link = join(modules, "gantry");
  if (!existsSync(link)) {
    mkdirSync(modules, { recursive: true });
    symlinkSync(packageRoot(), link, "dir");
  }
  const bin = join(modules, ".bin", "gantry");
  if (!existsSync(bin)) {
    mkdirSync(join(modules, ".bin"), { recursive: true });
    symlinkSync(join("..", "gantry", "bin", "gantry.js"), bin);
  }
  const manifest = join(target, "package.json");
  if (!existsSync(manifest)) {
    const dependency = `file:${relative(target, packageRoot()) || "."}`;
    const body = {
      name:
        basename(target)
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, "-") || "workspace",
      private: true,
      type: "module",
      scripts: { up: "gantry up", doctor: "gantry doctor" },
      devDependencies: { gantry: dependency },
    };
    writeFileSync(manifest, `${JSON.stringify(body, null, 2)}\n`);
  }
}

/** `gantry init [dir]`: a new workspace with config, agent spec, prompt, eval suite, policy and README. */
export function registerInitCommand(program: Command): void {
  program
    .command("init")
    .description("scaffold a workspace: config, an agent spec, a prompt, an eval suite, a policy, a README")
    .argument("[dir]", "folder to create or fill", ".")
    .option("--name <name>", "workspace name (default: the folder's name)")
    .option("--force", "overwrite files the scaffold would replace")
    .action((dir: string, options: { name?: string; force?: boolean }) => {
      const target = resolve(dir);
      const written = scaffoldWorkspace(target, options);
      console.log(`created workspace in ${pc.bold(target)}:`);
      for (const file of written) console.log(`  ${file}`);
      const nearby = relative(process.cwd(), target);
      const shown = nearby === "" ? "." : nearby.startsWith("..") ? target : nearby;
      console.log(
        `\nnext:\n  cd ${shown}\n  npx gantry up       ${pc.dim("# dashboard on http://127.0.0.1:4680/")}`,
      );
      console.log(`  npx gantry doctor   ${pc.dim("# checks config, store and provider keys")}`);
    });
}
