import { afterEach, beforeEach } from "vitest";
import { type FakeAnthropicServer, startFakeAnthropicServer } from "./fake-anthropic-server.js";

/**
 * A fake Messages API started before each test and closed after it, for tests that script every reply.
 * `server` is an ES live binding; vitest gives each test file its own module instance.
 */
export let server: FakeAnthropicServer;

export function useFreshFakeServer(): void {
  beforeEach(async () => {
    server = await startFakeAnthropicServer();
  });
  afterEach(async () => {
    await server.close();
  });
}
