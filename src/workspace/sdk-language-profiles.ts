/**
 * How SDKs of each language lay out their manifest, sources and tests, as data. The bundle and the
 * workspace facts use the first profile whose manifest sits at the SDK checkout's top level, so the
 * bootstrap's Python-shaped list ("pyproject.toml, src/, tests/") serves a Rust or Go SDK as well.
 */
export interface SdkLanguageProfile {
  language: string;
  /** Top-level file names; `*` matches any characters (e.g. `*.gemspec`). */
  manifests: string[];
  /** Folders (relative to the SDK checkout) holding the library's source; "" is the whole checkout. */
  sourceFolders: string[];
  testFolders: string[];
  /** Source file extensions, used for `sdkModules` and to filter whole-checkout source folders. */
  sourceExtensions: string[];
  /** Tests that live beside the sources (Go's `_test.go`); excluded from sources, counted as tests. */
  testFilePattern?: RegExp;
  /**
   * A file that makes a top-level folder a package of the library. When the checkout has none of
   * `sourceFolders`, those packages are its sources (Python's flat layout: `arcp/__init__.py` beside
   * `pyproject.toml`, no `src/`).
   */
  packageMarker?: string;
  /**
   * Whether the source and test folders may sit one level down, in the modules of a multi-module build
   * (Gradle's `lib/src/main`, `cli/src/main`). Used only when the checkout has none at the top level.
   */
  modules?: boolean;
}

export const SDK_LANGUAGE_PROFILES: readonly SdkLanguageProfile[] = [
  {
    language: "python",
    manifests: ["pyproject.toml", "setup.py", "setup.cfg"],
    sourceFolders: ["src"],
    testFolders: ["tests", "test"],
    sourceExtensions: [".py", ".pyi"],
    packageMarker: "__init__.py",
  },
  {
    language: "rust",
    manifests: ["Cargo.toml"],
    sourceFolders: ["src", "crates"],
    testFolders: ["tests"],
    sourceExtensions: [".rs"],
  },
  {
    language: "go",
    manifests: ["go.mod"],
    sourceFolders: [""],
    testFolders: [""],
    sourceExtensions: [".go"],
    testFilePattern: /_test\.go$/,
  },
  {
    language: "java/kotlin",
    manifests: ["pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"],
    sourceFolders: ["src/main"],
    testFolders: ["src/test"],
    sourceExtensions: [".java", ".kt", ".kts"],
    modules: true,
  },
  {
    language: "ruby",
    manifests: ["*.gemspec", "Gemfile"],
    sourceFolders: ["lib"],
    testFolders: ["spec", "test"],
    sourceExtensions: [".rb"],
  },
  {
    language: "csharp",
    manifests: ["*.sln", "*.csproj", "Directory.Build.props"],
    sourceFolders: ["src"],
    testFolders: ["tests", "test"],
    sourceExtensions: [".cs"],
  },
  {
    language: "swift",
    manifests: ["Package.swift"],
    sourceFolders: ["Sources"],
    testFolders: ["Tests"],
    sourceExtensions: [".swift"],
  },
  {
    language: "typescript",
    manifests: ["package.json"],
    sourceFolders: ["src"],
    testFolders: ["test", "tests"],
    sourceExtensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"],
  },
];

/** Whether a top-level file name is one of the profile's manifests. */
export function isManifestOf(profile: SdkLanguageProfile, fileName: string): boolean {
  return profile.manifests.some((manifest) =>
    manifest.startsWith("*") ? fileName.endsWith(manifest.slice(1)) : fileName === manifest,
  );
}

/** The first profile with a manifest among the SDK checkout's top-level files. */
export function detectSdkLanguage(topLevelFiles: readonly string[]): SdkLanguageProfile | undefined {
  return SDK_LANGUAGE_PROFILES.find((profile) => topLevelFiles.some((name) => isManifestOf(profile, name)));
}

/**
 * The profile with the source folders this checkout uses (its SDK view paths): a flat-layout Python
 * SDK, with no `src/`, gets its top-level packages as source folders; a multi-module build gets each
 * module's folders except its example modules (examples are not the library the plans audit).
 */
export function withCheckoutLayout(
  profile: SdkLanguageProfile | undefined,
  sdkPaths: readonly string[],
): SdkLanguageProfile | undefined {
  if (profile === undefined) return profile;
  if (profile.sourceFolders.some((folder) => sdkPaths.some((path) => path.startsWith(`${folder}/`))))
    return profile;
  if (profile.modules) return withModules(profile, sdkPaths);
  const marker = profile.packageMarker;
  if (marker === undefined) return profile;
  const packages = sdkPaths
    .map((viewPath) => viewPath.split("/"))
    .filter((parts) => parts.length === 2 && parts[1] === marker && !profile.testFolders.includes(parts[0]!))
    .map(([folder]) => folder!)
    .sort();
  return packages.length > 0 ? { ...profile, sourceFolders: packages } : profile;
}

const EXAMPLE_MODULE = /^(?:examples?|samples?|demos?)$/i;

function withModules(profile: SdkLanguageProfile, sdkPaths: readonly string[]): SdkLanguageProfile {
  const layout = profile.sourceFolders[0]!;
  const modules = [
    ...new Set(
      sdkPaths
        .filter((path) => path.indexOf("/") > 0 && path.indexOf(`/${layout}/`) === path.indexOf("/"))
        .map((path) => path.slice(0, path.indexOf("/"))),
    ),
  ]
    .filter((module) => !EXAMPLE_MODULE.test(module))
    .sort();
  if (modules.length === 0) return profile;
  const under = (folders: readonly string[]) => modules.flatMap((m) => folders.map((f) => `${m}/${f}`));
  return { ...profile, sourceFolders: under(profile.sourceFolders), testFolders: under(profile.testFolders) };
}

/** Whether an SDK view path is a source file of the profile (not a test beside the sources). */
export function isSourceFile(profile: SdkLanguageProfile, viewPath: string): boolean {
  if (profile.testFilePattern?.test(viewPath)) return false;
  if (
    isInFolders(
      profile.testFolders.filter((f) => f !== ""),
      viewPath,
    )
  )
    return false;
  return isInFolders(profile.sourceFolders, viewPath) && hasExtension(profile, viewPath);
}

/** Whether an SDK view path belongs to the profile's tests. */
export function isTestFile(profile: SdkLanguageProfile, viewPath: string): boolean {
  if (profile.testFilePattern?.test(viewPath)) return true;
  return isInFolders(
    profile.testFolders.filter((f) => f !== ""),
    viewPath,
  );
}

function isInFolders(folders: readonly string[], viewPath: string): boolean {
  if (viewPath.startsWith("../")) return false;
  return folders.some((folder) => folder === "" || viewPath.startsWith(`${folder}/`));
}

function hasExtension(profile: SdkLanguageProfile, viewPath: string): boolean {
  return profile.sourceExtensions.some((ext) => viewPath.endsWith(ext));
}
