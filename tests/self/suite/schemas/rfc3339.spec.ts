import { test } from '@playwright/test';
import { fullFormats } from 'ajv-formats/dist/formats';
import { expect } from '../../../../src/suite/expect';
import { compareRfc3339, isRfc3339DateTime, parseRfc3339DateTime } from '../../../../src/suite/rfc3339';
import { validateAgainst } from '../../../../src/suite/schemas';

const ACCEPTED: [string, string][] = [
  ['2022-01-01T00:00:00.0000000+00:00', 'the spec examples: 7 fractional digits, +00:00'],
  ['2023-05-31T22:17:55.175361Z', 'the live service: trimmed fraction, Z'],
  ['2023-05-31T22:17:55Z', 'no fraction'],
  ['2023-05-31T22:17:55.1Z', 'one fractional digit'],
  ['2023-05-31T22:17:55.123456789Z', '9 fractional digits'],
  ['2023-05-31T22:17:55.123456789012345678Z', 'many fractional digits'],
  ['2023-05-31T22:17:55z', 'lower-case z (RFC 3339 5.6 allows it)'],
  ['2023-05-31T22:17:55-07:00', 'negative offset'],
  ['2023-05-31T22:17:55+14:00', 'the largest real offset'],
  ['2023-05-31T22:17:55-00:00', '-00:00, unknown local offset (RFC 3339 4.3)'],
  ['2024-02-29T00:00:00Z', '29 February in a leap year'],
  ['2000-02-29T00:00:00Z', '29 February in a leap year divisible by 400'],
  ['2016-12-31T23:59:60Z', 'a leap second at 23:59:60 UTC'],
  ['2016-12-31T18:59:60-05:00', 'a leap second written in a local offset (23:59:60 UTC)'],
  ['2016-12-31T23:59:60.5Z', 'a leap second with a fraction'],
  ['2023-12-31T23:59:59.999999999+23:59', 'maximum values of each field'],
  ['0001-01-01T00:00:00Z', 'the first year the format can write'],
];

const REJECTED: [string, string][] = [
  ['2022-01-01 00:00:00Z', 'a space separator'],
  ['2022-01-01t00:00:00Z', 'a lower-case t separator (issue 2 requires T)'],
  ['2022-01-01T00:00:00+0000', 'an offset without a colon'],
  ['2022-01-01T00:00:00+00', 'an offset without minutes'],
  ['2022-01-01T00:00:00', 'no offset'],
  ['2022-01-01T00:00:00.123', 'a fraction and no offset'],
  ['2022-01-01', 'a date only'],
  ['2022-01-01T00:00Z', 'no seconds'],
  ['2022-01-01T00:00:00.Z', 'a decimal point without digits'],
  ['2022-01-01T00:00:00,5Z', 'a comma decimal mark'],
  ['2022-02-30T00:00:00Z', '30 February'],
  ['2023-02-29T00:00:00Z', '29 February in a non-leap year'],
  ['1900-02-29T00:00:00Z', '29 February in a century year not divisible by 400'],
  ['2022-04-31T00:00:00Z', '31 April'],
  ['2022-13-01T00:00:00Z', 'month 13'],
  ['2022-00-01T00:00:00Z', 'month 00'],
  ['2022-01-00T00:00:00Z', 'day 00'],
  ['2022-01-01T24:00:00Z', '24:00:00'],
  ['2022-01-01T23:60:00Z', 'minute 60'],
  ['2022-01-01T23:59:61Z', 'second 61'],
  ['2022-01-01T12:00:60Z', 'second 60 at a time that is not 23:59 UTC'],
  ['2016-12-31T23:59:60+01:00', 'second 60 at 23:59 local that is 22:59 UTC'],
  ['2022-01-01T00:00:00+24:00', 'offset hour 24'],
  ['2022-01-01T00:00:00+01:60', 'offset minute 60'],
  ['22-01-01T00:00:00Z', 'a two-digit year'],
  ['2022-1-1T00:00:00Z', 'single-digit month and day'],
  ['+2022-01-01T00:00:00Z', 'a signed year'],
  ['2022-01-01T00:00:00Z ', 'trailing whitespace'],
  [' 2022-01-01T00:00:00Z', 'leading whitespace'],
  ['2022-01-01T00:00:00ZZ', 'a doubled Z'],
  ['2022-W01-1T00:00:00Z', 'an ISO 8601 week date'],
  ['Sat, 01 Jan 2022 00:00:00 GMT', 'an HTTP date'],
  ['', 'an empty string'],
];

test.describe('accepted RFC 3339 date-times', () => {
  for (const [value, why] of ACCEPTED) {
    test(`accepts ${why}: ${value}`, () => {
      expect(value, why).toBeRfc3339DateTime();
      expect(validateAgainst('DeleteJob', { createdDateTime: value }).valid, 'the schema format agrees').toBe(true);
    });
  }
});

test.describe('rejected strings', () => {
  for (const [value, why] of REJECTED) {
    test(`rejects ${why}: ${JSON.stringify(value)}`, () => {
      const parsed = parseRfc3339DateTime(value);
      expect(parsed.ok, `${why} is not a strict RFC 3339 date-time`).toBe(false);
      expect(validateAgainst('DeleteJob', { createdDateTime: value }).valid, 'the schema format agrees').toBe(false);
    });
  }

  test('ajv-formats date-time alone accepts some of them (why the strict format exists)', () => {
    const ajvFormatsDateTime = fullFormats['date-time'] as { validate: (value: string) => boolean };
    for (const value of ['2022-01-01 00:00:00Z', '2022-01-01T00:00:00+00', '2022-01-01T00:00:00+0000']) {
      expect(ajvFormatsDateTime.validate(value), `ajv-formats date-time accepts ${value}`).toBe(true);
      expect(isRfc3339DateTime(value), `the strict format rejects ${value}`).toBe(false);
    }
  });

  test('non-strings are rejected', () => {
    for (const value of [null, undefined, 0, {}, []]) {
      expect(isRfc3339DateTime(value), `${JSON.stringify(value)} is not a date-time`).toBe(false);
    }
  });
});

test.describe('exact comparison', () => {
  const ORDERED: [string, string, -1 | 0 | 1, string][] = [
    [
      '2022-01-01T00:00:00.0000000+00:00',
      '2022-01-01T00:00:00.0000001+00:00',
      -1,
      '100 ns apart, which JS Date cannot see',
    ],
    ['2022-01-01T00:00:00.0001Z', '2022-01-01T00:00:00.0002Z', -1, 'sub-millisecond digits decide'],
    ['2022-01-01T00:00:00.1Z', '2022-01-01T00:00:00.1000000Z', 0, 'trailing zeros do not matter'],
    ['2022-01-01T00:00:00Z', '2022-01-01T00:00:00.000Z', 0, 'no fraction equals a zero fraction'],
    ['2022-01-01T01:00:00+01:00', '2022-01-01T00:00:00Z', 0, 'the same instant in two offsets'],
    ['2022-01-01T00:30:00+01:00', '2022-01-01T00:00:00Z', -1, 'the offset is applied before comparing'],
    ['2021-12-31T23:00:00-01:00', '2022-01-01T00:00:00.0000001Z', -1, 'offsets across a year boundary'],
    [
      '2022-01-01T00:01:00.0000000+00:00',
      '2022-01-31T00:01:00.0000000+00:00',
      -1,
      'finished before purge in the examples',
    ],
    ['2016-12-31T23:59:59.9Z', '2016-12-31T23:59:60Z', -1, 'a leap second comes after :59'],
    ['2016-12-31T23:59:60.999Z', '2017-01-01T00:00:00Z', -1, 'a leap second comes before the next day'],
    ['1969-12-31T23:59:59.5Z', '1970-01-01T00:00:00Z', -1, 'before the epoch'],
    ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', -1, 'the whole range'],
  ];

  for (const [a, b, expected, why] of ORDERED) {
    test(`${why}: ${a} vs ${b}`, () => {
      expect(compareRfc3339(a, b), `compare(${a}, ${b})`).toBe(expected);
      expect(compareRfc3339(b, a), `compare(${b}, ${a}) is the mirror`).toBe(-expected || 0);
    });
  }

  test('agrees with Date for millisecond-precision instants', () => {
    const values = ['2022-01-01T00:00:00.001Z', '2022-01-01T00:00:00.002+00:00', '2021-12-31T19:00:00.003-05:00'];
    for (const a of values) {
      for (const b of values) {
        expect(compareRfc3339(a, b), `${a} vs ${b}`).toBe(Math.sign(Date.parse(a) - Date.parse(b)) || 0);
      }
    }
  });

  test('refuses to compare a value that is not RFC 3339', () => {
    expect(
      () => compareRfc3339('2022-01-01 00:00:00Z', '2022-01-01T00:00:00Z'),
      'an invalid left operand throws',
    ).toThrow(/Not an RFC 3339 date-time: "2022-01-01 00:00:00Z"/);
    expect(
      () => compareRfc3339('2022-01-01T00:00:00Z', '2022-02-30T00:00:00Z'),
      'an invalid right operand throws',
    ).toThrow(/day 30 does not exist/);
  });
});
