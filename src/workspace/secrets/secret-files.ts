import picomatch from "picomatch";
import { toGlobSpace } from "../compile-glob.js";

/**
 * Files that look like secrets, as data. They never enter the bundle or a tool result, whatever git
 * says (a `.env` that git ignores is withheld, and so is one committed by mistake). A glob without a
 * `/` matches a file name at any depth, case-insensitively; a glob with one matches view paths
 * (`**` prefix for any depth). Config `secrets.files` adds globs with the same meaning.
 */
export interface SecretFileRule {
  glob: string;
  /** What the file holds, for tool errors and `doctor`. */
  kind: string;
}

export const SECRET_FILE_RULES: readonly SecretFileRule[] = [
  { kind: "dotenv file", glob: ".env" },
  { kind: "dotenv file", glob: ".env.*" },
  { kind: "dotenv file", glob: "*.env" },
  { kind: "dotenv file", glob: ".envrc" },
  { kind: "private key or certificate", glob: "*.{pem,key,crt,cer,der,p8,p12,pfx,jks,keystore,truststore}" },
  { kind: "private key or certificate", glob: "*.{ppk,gpg,pgp}" },
  { kind: "private key or certificate", glob: "id_{rsa,dsa,ecdsa,ed25519}" },
  { kind: "cloud credentials", glob: "**/.aws/{credentials,config}" },
  { kind: "cloud credentials", glob: "credentials.json" },
  { kind: "cloud credentials", glob: "client_secret*.json" },
  { kind: "cloud credentials", glob: "application_default_credentials.json" },
  { kind: "cloud credentials", glob: "**/.azure/*.json" },
  { kind: "cloud credentials", glob: "{.boto,.s3cfg,kubeconfig}" },
  { kind: "cloud credentials", glob: "**/.kube/config" },
  { kind: "cloud credentials", glob: "*.{tfstate,tfvars}" },
  { kind: "cloud credentials", glob: "*.tfstate.backup" },
  { kind: "registry credentials", glob: "{.npmrc,.pypirc,.netrc,_netrc,.git-credentials,.dockercfg}" },
  { kind: "registry credentials", glob: "**/.docker/config.json" },
  { kind: "registry credentials", glob: "**/{.cargo,.gem}/{credentials,credentials.toml}" },
  { kind: "registry credentials", glob: "**/.composer/auth.json" },
  { kind: "registry credentials", glob: "settings-security.xml" },
  { kind: "password file", glob: "{.htpasswd,.pgpass,.my.cnf,*.kdbx}" },
  { kind: "secrets file", glob: "secrets.{json,yml,yaml,toml}" },
];

/**
 * Templates meant to be committed and shared: not withheld (a key-shaped value inside one is still
 * redacted like in any other file).
 */
export const SECRET_FILE_TEMPLATES: readonly string[] = [
  ".env.{example,sample,template,dist,defaults}",
  "*.env.{example,sample,template}",
];

/** Why a file is withheld, or undefined when it is not. */
export type SecretFileMatcher = (viewPath: string) => string | undefined;

export const CONFIG_SECRET_FILE_KIND = "listed in config secrets.files";

interface CompiledRule {
  kind: string;
  /** Tests a file name (rules without `/`) or a view path in glob space (rules with one). */
  regex: RegExp;
  byName: boolean;
}

/**
 * Pure: the matcher for the built-in rules plus config `secrets.files`. Every listed file goes through
 * it, so all rules are first tried as one regular expression (per name, per path) and the kind is
 * looked up only for the rare file that matches.
 */
export function buildSecretFileMatcher(extraGlobs: readonly string[] = []): SecretFileMatcher {
  const rules = [
    ...SECRET_FILE_RULES.map((rule) => compileRule(rule.kind, rule.glob)),
    ...extraGlobs.map((glob) => compileRule(CONFIG_SECRET_FILE_KIND, glob)),
  ];
  const anyByName = combine(rules.filter((rule) => rule.byName));
  const anyByPath = combine(rules.filter((rule) => !rule.byName));
  const templates = SECRET_FILE_TEMPLATES.map((glob) => compileRule("template", glob));
  const matches = (rule: CompiledRule, name: string, path: string) =>
    rule.regex.test(rule.byName ? name : path);
  return (viewPath) => {
    const name = viewPath.slice(viewPath.lastIndexOf("/") + 1);
    const path = toGlobSpace(viewPath);
    if (!anyByName.test(name) && !anyByPath.test(path)) return undefined;
    if (templates.some((template) => matches(template, name, path))) return undefined;
    return rules.find((rule) => matches(rule, name, path))?.kind;
  };
}

/**
 * A glob without `/` is a file name; one with `/` a view path, where (as in `bundle.exclude`) a
 * pattern that matches a folder covers everything inside it. Case-insensitive: `KEY.PEM` is a key.
 */
function compileRule(kind: string, glob: string): CompiledRule {
  const byName = !glob.includes("/");
  const cleaned = glob.trim().replace(/^\.\//, "").replace(/\/+$/, "");
  const regex = picomatch.makeRe(byName ? cleaned : toGlobSpace(cleaned), { dot: true, nocase: true });
  if (byName) return { kind, regex, byName };
  const anchored = regex.source.endsWith("$") ? regex.source.slice(0, -1) : regex.source;
  return { kind, regex: new RegExp(`${anchored}(?:/.*)?$`, "i"), byName };
}

function combine(rules: readonly CompiledRule[]): RegExp {
  return rules.length === 0
    ? /$^/
    : new RegExp(rules.map((rule) => `(?:${rule.regex.source})`).join("|"), "i");
}
