// The fake Messages API is shipped code (`arcp-plan demo` serves it); tests use the same implementation.
export * from "../../src/demo/fake-anthropic-server.js";
