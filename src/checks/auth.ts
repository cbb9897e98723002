import { probeId } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import { ALTERATION_LABELS } from '../suite/auth/altered-credential';
import type { AuthChoice } from '../suite/http/client';
import { only } from './common';

/** Header and payload of an Entra-style token for this audience; the signature is random bytes. */
function wronglySignedJwt(nowSeconds: number): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'RS256', kid: 'conformance-suite-unknown-key' });
  const payload = encode({
    aud: 'https://digitaltwins.azure.net',
    iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/',
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + 3600,
    sub: 'conformance-suite',
  });
  return `${header}.${payload}.${Buffer.from('not a valid signature for this token').toString('base64url')}`;
}

function invalidCredentials(nowSeconds: number): readonly { label: string; auth: AuthChoice }[] {
  return [
    { label: 'a garbage bearer token', auth: { authorization: 'Bearer not-a-real-token' } },
    { label: 'an empty bearer token', auth: { authorization: 'Bearer ' } },
    {
      label: 'the Basic scheme instead of Bearer',
      auth: { authorization: `Basic ${Buffer.from('user:password').toString('base64')}` },
    },
    {
      label: 'a well-formed JWT with a wrong signature',
      auth: { authorization: `Bearer ${wronglySignedJwt(nowSeconds)}` },
    },
  ];
}

const NO_CREDENTIAL_REASON =
  'the suite holds no credential (ADT_AUTH=none), so it cannot tell an auth check from an open target';

function rejected(
  requirementId: Case['requirementId'],
  title: string,
  probes: readonly Probe[],
  what: string,
  context: PlanContext,
): Case {
  return {
    requirementId,
    title,
    probes,
    ...(context.holdsCredential ? {} : { notApplicable: NO_CREDENTIAL_REASON }),
    check: (exchanges) =>
      judge((f) => {
        const exchange = only(exchanges);
        f.that(exchange.status === 401, `a request with ${what} must be rejected with 401`, String(exchange.status));
      }),
  };
}

/** DJ-AUTH-01…03: requests without, with a forged and with an altered credential must get 401. */
export function authCases(context: PlanContext): Case[] {
  const id = probeId(context);
  return [
    {
      ...rejected(
        'DJ-AUTH-01',
        `GetById without Authorization answers 401 [${id}]`,
        [{ kind: 'getById', id, options: { auth: 'none' } }],
        'no Authorization header',
        context,
      ),
      check: (exchanges) =>
        judge((f) => {
          f.that(
            only(exchanges).status === 401,
            'a request without an Authorization header must be rejected with 401',
            String(only(exchanges).status),
          );
        }),
    },
    ...invalidCredentials(Math.floor(Date.now() / 1000)).map(({ label, auth }) =>
      rejected(
        'DJ-AUTH-02',
        `GetById with ${label} answers 401 [${id}]`,
        [{ kind: 'getById', id, options: { auth } }],
        label,
        context,
      ),
    ),
    // The configured credential altered; the altered tokens are redacted like the real one: never printed, attached or recorded.
    rejected(
      'DJ-AUTH-03',
      `GetById with the configured credential altered (a JWT's signature, an opaque token's last character) answers 401 [${id}]`,
      [{ kind: 'alteredCredential', id, alteration: 'first' }],
      `${ALTERATION_LABELS['changed-signature']} (a JWT) or ${ALTERATION_LABELS['last-character']} (an opaque token)`,
      context,
    ),
    rejected(
      'DJ-AUTH-03',
      `GetById with the configured JWT sent as alg none without a signature answers 401 [${id}]`,
      [{ kind: 'alteredCredential', id, alteration: 'alg-none' }],
      ALTERATION_LABELS['alg-none'],
      context,
    ),
  ];
}
