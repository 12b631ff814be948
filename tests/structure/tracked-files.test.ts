import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// What a machine makes (installs, builds, data) must never be committed: a committed node_modules link once
// replaced the real folder on checkout and broke every test run. .gitignore says so; this proves it held.
const GENERATED = ["node_modules", "dist", "tab/dist", "data", "appPackage/build", "test-artifacts", "coverage"];

describe("the repository tracks only sources", () => {
  it("no installed, built or generated path is committed", () => {
    const tracked = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
    expect(tracked.length).toBeGreaterThan(100);
    const generated = tracked.filter((path) => GENERATED.some((dir) => path === dir || path.startsWith(`${dir}/`)));
    expect(generated).toEqual([]);
  });
});
