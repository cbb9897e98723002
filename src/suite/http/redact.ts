export const REDACTED = '<redacted>';

/** Header names whose values are credentials whatever they hold. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'ocp-apim-subscription-key',
]);

/** Anything shaped like a JWT: a real Entra token must never reach a report, even one the suite did not configure. */
const JWT_PATTERN = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

const knownSecrets = new Set<string>();

/** Registers a secret (e.g. an access token) so every later redaction in this process removes it. */
export function registerSecret(secret: string): void {
  if (secret.length >= 4) knownSecrets.add(secret);
}

/** Removes every registered secret and every JWT-shaped string from free text. */
export function redactText(text: string): string {
  let result = text;
  // Longest first: an altered token may share a prefix with the real one (an alg-none JWT is its header and claims).
  for (const secret of [...knownSecrets].sort((x, y) => y.length - x.length))
    result = result.split(secret).join(REDACTED);
  return result.replace(JWT_PATTERN, REDACTED);
}

/** Keeps the scheme of a credential header (`Bearer`, `Basic`) so a reader sees what kind was sent. */
export function redactCredentialValue(value: string): string {
  const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
  return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
}

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

/** Redacts one header value: credential headers always, other headers by secret and JWT scrubbing. */
export function redactHeaderValue(name: string, value: string): string {
  return isCredentialHeader(name) ? redactCredentialValue(value) : redactText(value);
}
