import { type FakeReply, type FakeReplySpec, normalizeReply } from "./fake-reply.js";
import type { RecordedRequest } from "./recorded-request.js";

export type Responder = (request: RecordedRequest) => FakeReplySpec | Promise<FakeReplySpec>;

/**
 * Which reply a request gets: the next one scripted for its phase, else the next one scripted for
 * any phase (`"*"`), else what the responder function computes; undefined when none of these has one.
 */
export class ReplyQueue {
  readonly #queues = new Map<string, FakeReply[]>();
  #responder: Responder | undefined;

  script(phaseId: string, replies: readonly FakeReplySpec[]): void {
    const queue = this.#queues.get(phaseId) ?? [];
    queue.push(...replies.map(normalizeReply));
    this.#queues.set(phaseId, queue);
  }

  setResponder(responder: Responder | undefined): void {
    this.#responder = responder;
  }

  async take(request: RecordedRequest): Promise<FakeReply | undefined> {
    for (const key of [request.phaseId ?? "", "*"]) {
      const next = this.#queues.get(key)?.shift();
      if (next) return next;
    }
    return this.#responder ? normalizeReply(await this.#responder(request)) : undefined;
  }

  /** Replies still queued, by phase. */
  pending(): Record<string, number> {
    return Object.fromEntries(
      [...this.#queues].filter(([, queue]) => queue.length > 0).map(([key, queue]) => [key, queue.length]),
    );
  }

  clear(): void {
    this.#queues.clear();
    this.#responder = undefined;
  }
}
