import { expect, test } from '@playwright/test';
import type { ListPage } from '../../../src/suite/discovery';
import type { Exchange } from '../../../src/suite/http/client';
import { entryIdProblems, entryShapeProblems, listEntriesOf } from '../../../src/suite/list-entries';
import { nearMissApiVersions, nearMissIds } from '../../../src/suite/near-miss';

test('near-miss ids: prefixes, one character more, one changed; never an existing id or a case variant', () => {
  const values = nearMissIds('deletejob1', new Set(['deletejob1', 'deletejob0', 'deletejob1x'])).map((p) => p.value);
  expect(values, 'the probes').toEqual(['deletejob', 'delet', 'd', 'deletejob10', 'deletejobx']);
  expect(
    nearMissIds('Ab', new Set(['Ab'])).map((p) => p.value),
    'a case variant is not a near miss',
  ).not.toContain('AB');
  expect(
    nearMissIds('a', new Set(['a'])).map((p) => p.value),
    'no empty prefix',
  ).not.toContain('');
});

test('near-miss api-versions: -preview, one character more, the next day, other date formats', () => {
  expect(
    nearMissApiVersions('2023-10-31').map((p) => p.value),
    'the probes',
  ).toEqual(['2023-10-31-preview', '2023-10-31x', '2023-11-01', '20231031', '2023-10-31T00:00:00Z']);
});

function page(body: unknown): ListPage {
  return { exchange: {} as Exchange, body };
}

test('List entries: each problem names the page and entry; nothing unusable is dropped in silence', () => {
  const entries = listEntriesOf([
    page({
      value: [
        { id: 'a', status: 'running', createdDateTime: '2024-01-01T00:00:00Z', purgeDateTime: '2024-01-31T00:00:00Z' },
        { status: 'failed' },
      ],
    }),
    page({
      value: [
        { id: 'a', status: 'running', createdDateTime: '2024-01-01 00:00:00Z', purgeDateTime: '2024-01-31T00:00:00Z' },
        'x',
      ],
    }),
  ]);
  expect(entryShapeProblems(entries), 'shape problems').toEqual([
    'page 1, entry 2 lacks id, createdDateTime, purgeDateTime',
    'page 2, entry 1 (id "a") has createdDateTime "2024-01-01 00:00:00Z", not a strict RFC 3339 date-time',
    'page 2, entry 2 is not a JSON object but "x"',
  ]);
  expect(entryIdProblems(entries), 'id problems').toEqual([
    'page 1, entry 2 has no usable id (none); a client cannot read this job',
    'page 2, entry 1 (id "a") repeats the id of page 1, entry 1 (id "a")',
    'page 2, entry 2 has no usable id (none); a client cannot read this job',
  ]);
});
