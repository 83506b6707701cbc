/**
 * What never belongs in the bundle or the tools' listings, as data. Folders are skipped by name at any
 * depth (version control, dependencies, caches and build output of the languages arcp-plan recognises);
 * lock files by name; binaries by extension first, by content otherwise (`isBinaryContent`).
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  "bower_components",
  "dist",
  "build",
  "out",
  "target",
  "coverage",
  ".next",
  ".turbo",
  ".cache",
  "__pycache__",
  ".venv",
  "venv",
  ".tox",
  ".nox",
  ".eggs",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".gradle",
  ".build",
  "DerivedData",
  ".bundle",
  "obj",
  ".arcp-plan",
]);

/** Folder name patterns that are build output whatever their prefix. */
const SKIPPED_FOLDER_SUFFIXES = [".egg-info", ".dist-info"];

export const LOCK_FILES: ReadonlySet<string> = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "bun.lock",
  "deno.lock",
  "uv.lock",
  "poetry.lock",
  "Pipfile.lock",
  "pdm.lock",
  "Cargo.lock",
  "go.sum",
  "Gemfile.lock",
  "composer.lock",
  "packages.lock.json",
  "Package.resolved",
  "gradle.lockfile",
  "flake.lock",
]);

const JUNK_FILES: ReadonlySet<string> = new Set([".DS_Store", "Thumbs.db", "desktop.ini"]);

/** Extensions that are binary without looking; everything else is decided by content. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    "png jpg jpeg gif bmp ico icns webp avif tif tiff psd pdf zip gz tgz bz2 xz zst 7z rar tar jar war ear " +
    "class pyc pyo pyd so dylib dll exe bin o a lib obj wasm node woff woff2 ttf otf eot mp3 mp4 m4a wav " +
    "ogg flac mov avi webm mkv sqlite sqlite3 db parquet pkl npy npz onnx pt safetensors whl egg gem nupkg"
  )
    .split(" ")
    .map((ext) => `.${ext}`),
);

export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || SKIPPED_FOLDER_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

export function isSkippedFileName(name: string): boolean {
  if (LOCK_FILES.has(name) || JUNK_FILES.has(name)) return true;
  const dot = name.lastIndexOf(".");
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot).toLowerCase());
}
