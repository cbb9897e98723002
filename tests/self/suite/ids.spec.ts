import { expect, test } from '@playwright/test';
import { casePairs, caseVariant, decodedSegment, unknownJobId } from '../../../src/suite/ids';
import { LONG_TRACESTATE, MALFORMED_TRACE_CASES, traceIdOf, VALID_TRACEPARENT } from '../../../src/suite/trace-context';

test('a case variant is never the id itself nor another existing id', () => {
  expect(caseVariant('deletejob1', new Set(['deletejob1']))).toBe('DELETEJOB1');
  expect(caseVariant('Job-A', new Set(['Job-A', 'JOB-A', 'job-a']))).toBe('jOB-a');
  expect(caseVariant('12345', new Set(['12345']))).toBeUndefined();
  expect(caseVariant('a', new Set(['a', 'A']))).toBeUndefined();
});

test('case pairs are ids equal apart from case, each pair once', () => {
  expect(casePairs(['casejob', 'CaseJob', 'other', 'CASEJOB'])).toEqual([
    ['CASEJOB', 'CaseJob'],
    ['CASEJOB', 'casejob'],
    ['CaseJob', 'casejob'],
  ]);
  expect(casePairs(['a', 'b'])).toEqual([]);
});

test('the unknown id is fixed and avoids existing ids', () => {
  expect(unknownJobId(new Set())).toBe('conformance-no-such-delete-job');
  expect(unknownJobId(new Set(['conformance-no-such-delete-job']))).toBe('conformance-no-such-delete-job-2');
});

test('decodedSegment decodes, or says it cannot', () => {
  expect(decodedSegment('a%20b')).toBe('a b');
  expect(decodedSegment('job%zz')).toBeUndefined();
});

test('trace header values are what their labels say', () => {
  expect(LONG_TRACESTATE).toHaveLength(512);
  expect(LONG_TRACESTATE.split(',').every((member) => /^[a-z][a-z0-9]*=[a]+$/.test(member))).toBe(true);
  expect(traceIdOf(VALID_TRACEPARENT)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  expect(MALFORMED_TRACE_CASES.map((c) => c.label)).toHaveLength(8);
});
