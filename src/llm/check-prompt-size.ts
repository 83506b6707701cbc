import type { WireMessagesRequest } from "./build-messages-request.js";
import { measurePrompt } from "./measure-prompt.js";
import { ModelCallError } from "./model-call-error.js";

/** Counts a prompt's tokens exactly (the API's token-counting endpoint); undefined when that failed. */
export type CountTokens = (body: WireMessagesRequest) => Promise<number | undefined>;

/**
 * Refuses a call whose prompt plus `max_tokens` would not fit the model's context window, before it
 * is sent: such a call either gets a 400 or an answer cut off at the window. The over-counting
 * estimate settles most calls for free; only one that the estimate says does not fit is counted
 * exactly, so a prompt near the limit is judged on its real size. When counting fails, the call goes
 * out and the API judges it.
 */
export async function checkPromptSize(
  phaseId: string,
  body: WireMessagesRequest,
  contextWindow: number,
  countTokens: CountTokens,
): Promise<void> {
  const estimate = measurePrompt(body).tokens;
  if (estimate + body.max_tokens <= contextWindow) return;
  const exact = await countTokens(body);
  if (exact === undefined || exact + body.max_tokens <= contextWindow) return;
  throw new ModelCallError(
    `phase ${phaseId}: the prompt is ${exact.toLocaleString("en-US")} tokens and max_tokens is ${body.max_tokens.toLocaleString("en-US")}: together more than ${body.model}'s context window of ${contextWindow.toLocaleString("en-US")} tokens, so the call was not sent. Lower bundle.budgetTokens (the bundle is in every call), lower model.maxTurns (each tool turn adds its results), lower maxTokens, or choose a model with a larger window`,
    { phaseId, failure: "too-large", attempts: 0 },
  );
}
