import type { BootstrapSource } from "../workspace/read-bootstrap-source.js";

/**
 * What a user must hear before paying for a run: the checkout's own bootstrap was passed over, or the
 * bootstrap in force was written for another language than the SDK's. Pure; `doctor` says the same
 * as check lines.
 */
export function describeBootstrapNotices(
  bootstrap: Pick<BootstrapSource, "path" | "passedOver">,
  languages: { sdk: string | undefined; bootstrap: string | undefined },
): string[] {
  const notices: string[] = [];
  if (bootstrap.passedOver) notices.push(`${bootstrap.passedOver}: the built-in seed bootstrap runs instead`);
  if (languages.sdk && languages.bootstrap && languages.sdk !== languages.bootstrap) {
    notices.push(
      `the bootstrap in force (${bootstrap.path}) is written for a ${languages.bootstrap} SDK and this one is ${languages.sdk}: its prompts ask for ${languages.bootstrap} and its phase checks only warn; put the SDK's own BOOTSTRAP.md in the checkout or pass --bootstrap FILE`,
    );
  }
  return notices;
}
