import { escapeRegExp } from "./escape-reg-exp.js";
import type { LintContext } from "./lint-context.js";

/**
 * What counts as "citing something" (bootstrap: a spec §, a TS path, an SDK path, a named library or
 * a Python idiom). The library and idiom lists seed from the bootstrap's candidate table; the
 * workspace adds its own module, example and middleware names.
 */
const LIBRARIES = [
  "pydantic",
  "msgspec",
  "attrs",
  "cattrs",
  "websockets",
  "aiohttp",
  "httpx",
  "httpx-ws",
  "anyio",
  "trio",
  "asyncio",
  "structlog",
  "logging",
  "loguru",
  "python-ulid",
  "ulid",
  "uuid-utils",
  "uuid7",
  "uuid",
  "opentelemetry",
  "opentelemetry-api",
  "opentelemetry-sdk",
  "otel",
  "pytest",
  "pytest-asyncio",
  "hypothesis",
  "pytest-cov",
  "coverage.py",
  "mutmut",
  "cosmic-ray",
  "ruff",
  "mypy",
  "pyright",
  "uv",
  "hatchling",
  "hatch",
  "setuptools",
  "poetry",
  "pip",
  "starlette",
  "fastapi",
  "litestar",
  "quart",
  "uvicorn",
  "hypercorn",
  "django",
  "flask",
  "flask-sock",
  "tornado",
  "graphviz",
  "freezegun",
  "dirty-equals",
  "pytest-randomly",
  "nox",
  "tox",
  "typing_extensions",
  "sphinx",
  "mkdocs",
  "express",
  "fastify",
  "hono",
  "bun",
  "zod",
  "vitest",
  "github actions",
  "asgi",
  "wsgi",
  "traceparent",
  "ujson",
  "orjson",
  "msgpack",
];

const IDIOMS = [
  "async with",
  "async for",
  "await",
  "taskgroup",
  "task group",
  "context manager",
  "context managers",
  "dataclass",
  "dataclasses",
  "typeddict",
  "abc",
  "paramspec",
  "match statement",
  "structural pattern matching",
  "type hints",
  "generics",
  "contextvars",
  "contextvar",
  "cancelledError",
  "async generator",
  "async iterator",
  "__slots__",
  "strenum",
  "exception group",
  "exceptiongroup",
  "except*",
  "asyncio.timeout",
  "entry point",
  "entry points",
  "pyproject.toml",
  "py.typed",
  "sdist",
  "f-string",
  "keyword-only",
  "coroutine",
  "coroutines",
  "event loop",
  "mypy --strict",
  "pyright --strict",
];

const STRUCTURAL = [
  /§\s?\d/, // spec or plan section
  /`[^`\n]+`/, // code span: identifier, path, command
  /\]\([^)]+\)|\]\[[^\]]*\]|<https?:/, // link
  /\b(?:RFC|PEP|BCP)\s?\d+/, // standards
  /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/, // UPPER_SNAKE (error codes, constants)
  /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/, // snake_case identifiers, message fields
  /\b[a-z]+[A-Z][A-Za-z0-9]*\b/, // camelCase
  /\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b|\b[A-Z]{2,}[a-z][A-Za-z0-9]*\b/, // PascalCase, ARCPClient
  /\b[a-z_][a-z0-9_]+(?:\.[a-z_][a-z0-9_]+)+\b/, // dotted names: session.hello, arcp.client
  /@[a-z0-9-]+\/[a-z0-9-]+/, // npm scoped package
  /\b\d\d-[a-z0-9-]+\.md\b/, // a phase file
  /\bPhase\s?\d{1,2}\b/, // another phase's plan ("Phase 7 owns the matrix")
  /\b[\w-]+\/[\w./-]*\.\w{1,5}\b/, // a bare path with an extension
  /\b(?:Python\s?3|JDK|Java|Node(?:\.js)?|Ruby|Go|Rust)\s?\d+(?:\.\d+)*\b/i, // a language version
];

const cache = new WeakMap<LintContext["facts"], RegExp>();

function lexiconPattern(facts: LintContext["facts"]): RegExp {
  let pattern = cache.get(facts);
  if (pattern) return pattern;
  const names = new Set<string>([...LIBRARIES, ...IDIOMS]);
  for (const item of [...facts["reference-examples"], ...facts["reference-middleware"]])
    names.add(item.toLowerCase());
  for (const module of facts["sdk-modules"]) {
    const base = module
      .split("/")
      .at(-1)
      ?.replace(/\.\w+$/, "");
    if (base && base.length > 2 && !base.startsWith("__")) names.add(`${base}.py`);
  }
  const escaped = [...names]
    .sort((a, b) => b.length - a.length)
    .map((name) => escapeRegExp(name).replace(/ /g, "\\s+"));
  pattern = new RegExp(`(?<![\\w-])(?:${escaped.join("|")})(?![\\w-])`, "i");
  cache.set(facts, pattern);
  return pattern;
}

/** Whether `raw` (markdown source of a paragraph, list item or row) cites something concrete. */
export function citesSomething(raw: string, context: LintContext): boolean {
  for (const pattern of STRUCTURAL) if (pattern.test(raw)) return true;
  return lexiconPattern(context.facts).test(raw);
}
