import { SDK_LANGUAGE_PROFILES } from "../../workspace/sdk-language-profiles.js";
import type { Sourced } from "./compiled-bootstrap.js";

/**
 * The SDK language a bootstrap is written for, from its title ("ARCP Rust SDK — …" → "rust"), in the
 * workspace's language vocabulary ("java/kotlin" for a Java title). Undefined when the title names
 * none or several: its checks are then not known to be for another language.
 */
export function findBootstrapLanguage(title: Sourced<string> | undefined): Sourced<string> | undefined {
  if (!title) return undefined;
  const named = SDK_LANGUAGE_PROFILES.filter((profile) =>
    profile.language.split("/").some((name) => new RegExp(`\\b${name}\\b`, "i").test(title.value)),
  );
  return named.length === 1 ? { value: named[0]!.language, line: title.line } : undefined;
}
