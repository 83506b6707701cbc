import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * Signs the thinking the fake produces and checks what comes back, as the API does: a signature is
 * tied to the model and to the conversation before the turn it belongs to, so a block that was
 * altered, moved to another conversation or sent to another model fails; and the last assistant
 * turn of a request must still start with the thinking the server gave it.
 */
type Block = Record<string, unknown>;
type WireMessage = { role?: unknown; content?: unknown };

export class ThinkingLedger {
  readonly #secret = randomBytes(16);
  /** Assistant turns the server produced with thinking, by their non-thinking content. */
  readonly #issued = new Map<string, number>();

  sign(model: string, prefix: string, thinking: string): string {
    return this.#mac(`thinking\n${model}\n${prefix}\n${thinking}`);
  }

  /** Opaque `data` of a redacted block: a nonce and its MAC. */
  redactedData(model: string, prefix: string): string {
    const nonce = randomBytes(12).toString("base64url");
    return `${nonce}.${this.#mac(`redacted\n${model}\n${prefix}\n${nonce}`)}`;
  }

  /** Remembers a turn the server sent with `thinkingBlocks` thinking blocks first. */
  remember(content: readonly Block[], thinkingBlocks: number): void {
    if (thinkingBlocks > 0) this.#issued.set(turnKey(content), thinkingBlocks);
  }

  /** The 400 message for the first problem in the request's thinking blocks, if any. */
  check(model: string, messages: readonly WireMessage[]): string | undefined {
    const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
    for (const [i, message] of messages.entries()) {
      if (message.role !== "assistant" || !Array.isArray(message.content)) continue;
      const content = message.content as Block[];
      const prefix = conversationHash(messages.slice(0, i));
      for (const [j, block] of content.entries()) {
        if (
          block.type === "thinking" &&
          block.signature !== this.sign(model, prefix, String(block.thinking))
        ) {
          return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
        }
        if (block.type === "redacted_thinking" && !this.#validRedacted(model, prefix, String(block.data))) {
          return `messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`;
        }
      }
      const expected = this.#issued.get(turnKey(content));
      const leading = content.findIndex((b) => b.type !== "thinking" && b.type !== "redacted_thinking");
      const found = leading === -1 ? content.length : leading;
      if (i === lastAssistant && expected !== undefined && found !== expected) {
        const type = String(content[found]?.type ?? "nothing");
        return `messages.${i}.content.${found}.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${type}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`;
      }
    }
    return undefined;
  }

  #validRedacted(model: string, prefix: string, data: string): boolean {
    const [nonce, mac] = data.split(".");
    return nonce !== undefined && mac === this.#mac(`redacted\n${model}\n${prefix}\n${nonce}`);
  }

  #mac(text: string): string {
    return createHmac("sha256", this.#secret).update(text).digest("base64");
  }
}

/** A conversation's identity: its blocks' content, without `cache_control` (which moves between calls). */
export function conversationHash(messages: readonly WireMessage[]): string {
  const normal = messages.map((m) => ({
    role: m.role,
    content: typeof m.content === "string" ? [{ type: "text", text: m.content }] : normalizeBlocks(m.content),
  }));
  return createHash("sha256").update(JSON.stringify(normal)).digest("hex");
}

function normalizeBlocks(content: unknown): unknown[] {
  if (!Array.isArray(content)) return [];
  return (content as Block[]).map((block) => {
    const { cache_control: _cache, citations: _citations, caller: _caller, ...rest } = block;
    return rest;
  });
}

/** An assistant turn's identity apart from its thinking: its text and its tool calls' ids. */
function turnKey(content: readonly Block[]): string {
  return JSON.stringify(
    content
      .filter((b) => b.type === "text" || b.type === "tool_use")
      .map((b) => (b.type === "text" ? ["text", b.text] : ["tool_use", b.id])),
  );
}
