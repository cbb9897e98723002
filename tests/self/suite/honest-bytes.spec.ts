import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { alterationsOf, alteredToken } from '../../../src/suite/auth/altered-credential';
import { codingsOf, decodeBody } from '../../../src/suite/http/content-coding';
import { duplicateMemberNames } from '../../../src/suite/json-names';

/** The pure parts of issue 24's named defects: duplicate member names, content codings, altered credentials. */

test('duplicate member names are found at any depth, after unescaping, and only in objects', () => {
  expect(duplicateMemberNames('{"status":"running","id":"a","status":"succeeded"}')).toEqual(['$.status']);
  expect(duplicateMemberNames('{"a":1,"\\u0061":2}'), '"a" and "\\u0061" are one name').toEqual(['$.a']);
  expect(duplicateMemberNames('{"value":[{"id":"x"},{"id":"y","error":{"code":"c","code":"d"}}]}')).toEqual([
    '$.value[1].error.code',
  ]);
  expect(duplicateMemberNames('{"a":{"x":1},"b":{"x":1}}'), 'the same name in two objects is fine').toEqual([]);
  expect(duplicateMemberNames('["a","a",{"a":"a"}]'), 'repeated array items and values are fine').toEqual([]);
  expect(
    duplicateMemberNames('{"s":"\\"a\\":1,{\\"b\\"","t":"}]","s2":"x"}'),
    'quotes, braces and commas inside strings are text',
  ).toEqual([]);
  expect(duplicateMemberNames('{"a b":1,"a b":2}')).toEqual(['$["a b"]']);
  expect(duplicateMemberNames('{"A":1,"a":2}'), 'names are case sensitive').toEqual([]);
});

test('JSON.stringify never repeats a name, and a repeated one is always found', () => {
  fc.assert(
    fc.property(
      fc.jsonValue(),
      fc.string().filter((name) => name !== 'inner'),
      (value, name) => {
        expect(duplicateMemberNames(JSON.stringify(value))).toEqual([]);
        const twice = `{${JSON.stringify(name)}:${JSON.stringify(value)},"inner":{"k":0},${JSON.stringify(name)}:0}`;
        expect(duplicateMemberNames(twice)).toHaveLength(1);
      },
    ),
    { seed: 24, numRuns: 300 },
  );
});

test('a body is decoded as its Content-Encoding announces, and one that does not decode is a problem', () => {
  const json = Buffer.from('{"id":"deletejob1"}');
  for (const [coding, encoded] of [
    ['gzip', gzipSync(json)],
    ['deflate', deflateSync(json)],
    ['deflate', deflateRawSync(json)],
    ['br', brotliCompressSync(json)],
    ['identity', json],
  ] as const) {
    const decoded = decodeBody(encoded, coding);
    expect('bytes' in decoded && decoded.bytes.toString(), coding).toBe(json.toString());
  }
  expect(
    'bytes' in decodeBody(gzipSync(brotliCompressSync(json)), 'br, gzip') ? 'decoded' : 'not',
    'codings are undone last first',
  ).toBe('decoded');
  const plain = decodeBody(json, 'gzip');
  expect('problem' in plain && plain.problem).toMatch(/announces gzip, but the body does not decode as gzip/);
  const unknown = decodeBody(json, 'zstd');
  expect('problem' in unknown && unknown.problem).toMatch(/"zstd", which the suite did not accept/);
  expect(codingsOf(undefined)).toEqual([]);
  expect(codingsOf(' GZIP , identity')).toEqual(['gzip']);
});

test('the configured credential is altered the way a partial check would still accept', () => {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signature = Buffer.alloc(256, 7).toString('base64url');
  const jwt = `${encode({ typ: 'JWT', alg: 'RS256' })}.${encode({ aud: 'x' })}.${signature}`;
  expect(alterationsOf(jwt)).toEqual(['changed-signature', 'alg-none']);
  expect(alterationsOf('adt-mock-token')).toEqual(['last-character']);
  expect(alterationsOf('a.b.c'), 'three segments are not a JWT without a JSON header naming alg').toEqual([
    'last-character',
  ]);

  const [header, claims] = jwt.split('.');
  const changed = alteredToken(jwt, 'changed-signature') ?? '';
  expect(changed.split('.').slice(0, 2), 'same header and claims').toEqual([header, claims]);
  expect(
    Buffer.from(changed.split('.')[2] ?? '', 'base64url').equals(Buffer.from(signature, 'base64url')),
    'the signature bytes differ',
  ).toBe(false);
  const none = alteredToken(jwt, 'alg-none') ?? '';
  expect(JSON.parse(Buffer.from(none.split('.')[0] ?? '', 'base64url').toString()), 'alg none').toEqual({
    typ: 'JWT',
    alg: 'none',
  });
  expect(none.split('.').slice(1), 'same claims, no signature').toEqual([claims, '']);
  expect(alteredToken('adt-mock-token', 'last-character')).toBe('adt-mock-tokeA');
  expect(alteredToken('token-A', 'last-character')).toBe('token-B');
  expect(alteredToken('adt-mock-token', 'alg-none'), 'an opaque token has no alg').toBeUndefined();
});
