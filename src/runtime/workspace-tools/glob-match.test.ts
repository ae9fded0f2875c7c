import { describe, expect, it } from "vitest";
import { compileGlob, compileGlobs, matchingGlobs } from "./glob-match.js";

describe("compileGlob", () => {
  it("matches ** across any number of folders, zero included", () => {
    const matches = compileGlob("src/**");
    expect(matches("src/a.ts")).toBe(true);
    expect(matches("src/deep/er/a.ts")).toBe(true);
    expect(matches("srcx/a.ts")).toBe(false);
    expect(matches("lib/src/a.ts")).toBe(false);
    const middle = compileGlob("**/auth/**");
    expect(middle("auth/login.ts")).toBe(true);
    expect(middle("src/auth/login.ts")).toBe(true);
    expect(middle("src/oauth/login.ts")).toBe(false);
  });

  it("keeps * and ? inside one segment", () => {
    expect(compileGlob("src/*.ts")("src/a.ts")).toBe(true);
    expect(compileGlob("src/*.ts")("src/x/a.ts")).toBe(false);
    expect(compileGlob("src/?.ts")("src/ab.ts")).toBe(false);
  });

  it("reads a pattern without a slash as a file name at any depth, like gitignore", () => {
    const dockerfile = compileGlob("Dockerfile");
    expect(dockerfile("Dockerfile")).toBe(true);
    expect(dockerfile("services/api/Dockerfile")).toBe(true);
    expect(dockerfile("Dockerfile.dev")).toBe(false);
    expect(compileGlob("*.tf")("infra/main.tf")).toBe(true);
    expect(compileGlob("/Dockerfile")("services/Dockerfile")).toBe(false);
  });

  it("matches dotfiles, braces and a trailing slash", () => {
    expect(compileGlob("src/**")("src/.env")).toBe(true);
    expect(compileGlob("**/*.{test,spec}.ts")("a/b.spec.ts")).toBe(true);
    expect(compileGlob("**/*.{test,spec}.ts")("a/b.ts")).toBe(false);
    expect(compileGlob("docs/")("docs/a/b.md")).toBe(true);
    expect(compileGlob("**/*.test.*")("math.test.ts")).toBe(true);
  });

  it("treats regex characters literally", () => {
    expect(compileGlob("a+b(c).ts")("a+b(c).ts")).toBe(true);
    expect(compileGlob("a+b(c).ts")("aab(c)xts")).toBe(false);
  });
});

describe("compileGlobs", () => {
  it("matches when any glob does, and nothing for an empty list", () => {
    expect(compileGlobs(["src/**", "lib/**"])("lib/a.ts")).toBe(true);
    expect(compileGlobs([])("anything")).toBe(false);
    expect(matchingGlobs(["test/**", "**/*.test.*", "src/**"], "test/a.test.ts")).toEqual([
      "test/**",
      "**/*.test.*",
    ]);
  });
});
