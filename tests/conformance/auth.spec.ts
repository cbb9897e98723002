import { ALTERATION_LABELS, discoveredIds, discovery, expect, notApplicableWhen, requirementDetails, test, unknownJobId, type AuthChoice, type CredentialAlteration } from './fixtures';

const id = discovery?.jobs[0]?.id ?? unknownJobId(discoveredIds);

/** Header and payload of an Entra-style token for this audience; the signature is random bytes. */
function wronglySignedJwt(): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'RS256', kid: 'conformance-suite-unknown-key' });
  const now = Math.floor(Date.now() / 1000);
  const payload = encode({ aud: 'https://digitaltwins.azure.net', iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/', iat: now, nbf: now, exp: now + 3600, sub: 'conformance-suite' });
  return `${header}.${payload}.${Buffer.from('not a valid signature for this token').toString('base64url')}`;
}

const INVALID_CREDENTIALS: readonly { label: string; auth: AuthChoice }[] = [
  { label: 'a garbage bearer token', auth: { authorization: 'Bearer not-a-real-token' } },
  { label: 'an empty bearer token', auth: { authorization: 'Bearer ' } },
  { label: 'the Basic scheme instead of Bearer', auth: { authorization: `Basic ${Buffer.from('user:password').toString('base64')}` } },
  { label: 'a well-formed JWT with a wrong signature', auth: { authorization: `Bearer ${wronglySignedJwt()}` } },
];

const NO_CREDENTIAL_REASON = 'the suite holds no credential (ADT_AUTH=none), so it cannot tell an auth check from an open target';

test(`DJ-AUTH-01 GetById without Authorization answers 401 [${id}]`, requirementDetails('DJ-AUTH-01'), async ({ adt }) => {
  notApplicableWhen(!adt.holdsCredential, NO_CREDENTIAL_REASON);
  const exchange = await adt.getById(id, { auth: 'none' });
  expect(exchange.status, 'a request without an Authorization header must be rejected with 401').toBe(401);
});

for (const { label, auth } of INVALID_CREDENTIALS) {
  test(`DJ-AUTH-02 GetById with ${label} answers 401 [${id}]`, requirementDetails('DJ-AUTH-02'), async ({ adt }) => {
    notApplicableWhen(!adt.holdsCredential, NO_CREDENTIAL_REASON);
    const exchange = await adt.getById(id, { auth });
    expect(exchange.status, `a request with ${label} must be rejected with 401`).toBe(401);
  });
}

/** A JWT's signature changed, else the last character of an opaque token. */
function firstAlteration(alterations: readonly CredentialAlteration[]): CredentialAlteration {
  return alterations.includes('changed-signature') ? 'changed-signature' : 'last-character';
}

// The configured credential altered: one probe for any token (a JWT's signature, an opaque token's last character),
// a second for a JWT only. The altered tokens are redacted like the real one: never printed, attached or recorded.
test(`DJ-AUTH-03 GetById with the configured credential altered (a JWT's signature, an opaque token's last character) answers 401 [${id}]`, requirementDetails('DJ-AUTH-03'), async ({ adt }) => {
  notApplicableWhen(!adt.holdsCredential, NO_CREDENTIAL_REASON);
  const altered = firstAlteration(await adt.credentialAlterations());
  const exchange = await adt.getById(id, { auth: { altered } });
  expect(exchange.status, `a request with ${ALTERATION_LABELS[altered]} must be rejected with 401`).toBe(401);
});

test(`DJ-AUTH-03 GetById with the configured JWT sent as alg none without a signature answers 401 [${id}]`, requirementDetails('DJ-AUTH-03'), async ({ adt }) => {
  notApplicableWhen(!adt.holdsCredential, NO_CREDENTIAL_REASON);
  notApplicableWhen(!(await adt.credentialAlterations()).includes('alg-none'), 'the configured credential is not a JWT, so it has no alg to set to none');
  const exchange = await adt.getById(id, { auth: { altered: 'alg-none' } });
  expect(exchange.status, `a request with ${ALTERATION_LABELS['alg-none']} must be rejected with 401`).toBe(401);
});
