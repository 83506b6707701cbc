import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { fixtureRoots } from "../workspace/copy-fixture-workspace.js";

interface BundleJson {
  phase: string | null;
  sdkLanguage: string;
  budgetTokens: number;
  entries: { viewPath: string; bytes: number; tokens: number; status: string; content?: string }[];
  missing: { item: string; reason: string }[];
  totals: { files: number; included: number; truncated: number; omitted: number; sentTokens: number };
}

describe("arcp-plan bundle", () => {
  let temp: string;
  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), "arcp-plan-bundle-cli-"));
  });
  afterAll(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it("prints a table of files, bytes, estimated tokens and status, with totals", async () => {
    const result = await runCli(["bundle", "--sdk", fixtureRoots.sdk]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^file +bytes +est\. tokens +status$/m);
    expect(result.stdout).toMatch(/^\.\.\/spec\/docs\/draft-arcp-1\.1\.md +[\d,]+ +[\d,]+ +included$/m);
    expect(result.stdout).toMatch(/^src\/arcp\/client\.py +[\d,]+ +[\d,]+ +included$/m);
    expect(result.stdout).toMatch(
      /^totals: 32 files, [\d,]+ bytes, ~[\d,]+ tokens; sent ~[\d,]+ of 120,000 \(32 included, 0 truncated, 0 omitted\)$/m,
    );
  });

  it("runs from the SDK checkout with no flags (default layout)", async () => {
    const result = await runCli(["bundle", "--json"], { cwd: fixtureRoots.sdk });
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.stdout) as BundleJson;
    expect(bundle.entries[0]!.viewPath).toBe("../spec/docs/draft-arcp-1.1.md");
    expect(bundle.entries.every((entry) => entry.content === undefined)).toBe(true);
    expect(bundle.sdkLanguage).toBe("python");
  });

  it("--budget trims the tail: a truncated file, then omitted ones", async () => {
    const result = await runCli(["bundle", "--sdk", fixtureRoots.sdk, "--budget", "5500", "--json"]);
    const bundle = JSON.parse(result.stdout) as BundleJson;
    expect(bundle.budgetTokens).toBe(5500);
    expect(bundle.totals.sentTokens).toBeLessThanOrEqual(5500);
    const statuses = bundle.entries.map((entry) => entry.status);
    const firstNotIncluded = statuses.findIndex((status) => status !== "included");
    expect(firstNotIncluded).toBeGreaterThan(0);
    expect(statuses.slice(firstNotIncluded + 1).every((status) => status === "omitted")).toBe(true);
    const table = await runCli(["bundle", "--sdk", fixtureRoots.sdk, "--budget", "5500"]);
    expect(table.stdout).toContain("omitted");
    expect(table.stdout).toContain("read_file");
  });

  it("takes the budget from arcp-plan.config.json, and --budget beats it", async () => {
    const config = join(temp, "budget.json");
    await writeFile(
      config,
      JSON.stringify({ workspace: { sdk: fixtureRoots.sdk }, bundle: { budgetTokens: 3000 } }),
    );
    const fromConfig = JSON.parse(
      (await runCli(["bundle", "--config", config, "--json"])).stdout,
    ) as BundleJson;
    expect(fromConfig.budgetTokens).toBe(3000);
    const fromFlag = JSON.parse(
      (await runCli(["bundle", "--config", config, "--budget", "4000", "--json"])).stdout,
    ) as BundleJson;
    expect(fromFlag.budgetTokens).toBe(4000);
  });

  it("lists reading-list items the workspace lacks and still exits 0", async () => {
    const sdk = join(temp, "bare-sdk");
    await mkdir(join(sdk, "src/arcp"), { recursive: true });
    await writeFile(join(sdk, "pyproject.toml"), '[project]\nname = "x"\n');
    await writeFile(join(sdk, "src/arcp/__init__.py"), "\n");
    const result = await runCli([
      "bundle",
      "--sdk",
      sdk,
      "--spec",
      fixtureRoots.spec,
      "--reference",
      fixtureRoots.reference,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("missing from the bootstrap's reading list (skipped):");
    expect(result.stdout).toContain("  PLAN.md: PLAN.md not found (or excluded)");
    expect(result.stdout).toContain("  SDK tests: no test files under tests/, test/ (python)");
  });

  it("accepts --phase with a known phase id and rejects an unknown one (exit 2)", async () => {
    const known = await runCli(["bundle", "--sdk", fixtureRoots.sdk, "--phase", "04-architecture", "--json"]);
    if (known.code === 0) {
      expect((JSON.parse(known.stdout) as BundleJson).phase).toBe("04-architecture");
    } else {
      // The prompt folder is still being written by the phases work: the refusal must say so.
      expect(known.code).toBe(2);
      expect(known.stderr).toContain("phases are not available");
    }
    const unknown = await runCli(["bundle", "--sdk", fixtureRoots.sdk, "--phase", "99-nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown phase '99-nope'|phases are not available/);
  });

  it.each([
    ["--sdk", "sdk", "SDK checkout not found", "workspace.sdk"],
    ["--spec", "spec", "spec not found", "workspace.spec"],
    ["--reference", "reference", "TypeScript reference not found", "workspace.reference"],
  ])(
    "a missing part given by %s exits 2 naming the path, the flag and the config key",
    async (flag, _part, message, key) => {
      const missing = join(temp, `gone-${flag.slice(2)}`);
      const result = await runCli(["bundle", flag, missing], { cwd: fixtureRoots.sdk });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`arcp-plan: ${message}: ${missing} (from ${flag})`);
      expect(result.stderr).toContain(`hint: pass ${flag}`);
      expect(result.stderr).toContain(key);
      expect(result.stdout).toBe("");
    },
  );

  it("a missing default part exits 2 and says it was the default location", async () => {
    const sdk = join(temp, "lonely");
    await mkdir(sdk, { recursive: true });
    const result = await runCli(["bundle"], { cwd: sdk });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(temp, "spec"));
    expect(result.stderr).toContain("default: beside the SDK checkout");
  });

  it("a broken config file exits 2 listing every problem with its dotted path", async () => {
    const config = join(temp, "broken.json");
    await writeFile(
      config,
      JSON.stringify({ bundle: { budgetTokens: "lots", exclud: [] }, model: { maxTokens: 0 } }),
    );
    const result = await runCli(["bundle", "--sdk", fixtureRoots.sdk, "--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bundle.budgetTokens");
    expect(result.stderr).toContain("model.maxTokens");
    expect(result.stderr).toMatch(/exclud/);
    const missing = await runCli(["bundle", "--sdk", fixtureRoots.sdk, "--config", join(temp, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the config file");
  });
});
