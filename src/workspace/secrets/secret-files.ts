import picomatch from "picomatch";
import { compileGlob } from "../compile-glob.js";

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

/** Pure: the matcher for the built-in rules plus config `secrets.files`. */
export function buildSecretFileMatcher(extraGlobs: readonly string[] = []): SecretFileMatcher {
  const rules = [
    ...SECRET_FILE_RULES.map((rule) => ({ kind: rule.kind, match: compileRule(rule.glob) })),
    ...extraGlobs.map((glob) => ({ kind: CONFIG_SECRET_FILE_KIND, match: compileRule(glob) })),
  ];
  const templates = SECRET_FILE_TEMPLATES.map(compileRule);
  return (viewPath) => {
    if (templates.some((isTemplate) => isTemplate(viewPath))) return undefined;
    return rules.find((rule) => rule.match(viewPath))?.kind;
  };
}

function compileRule(glob: string): (viewPath: string) => boolean {
  if (glob.includes("/")) return compileGlob(glob);
  const isMatch = picomatch(glob, { dot: true, nocase: true });
  return (viewPath) => isMatch(viewPath.slice(viewPath.lastIndexOf("/") + 1));
}
