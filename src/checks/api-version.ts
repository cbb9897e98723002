import { probeId } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import type { RequirementId } from '../requirements';
import { nearMissApiVersions } from '../suite/near-miss';
import { only } from './common';
import { errorCodeHeadersAgree, errorCodeIs, errorResponseWith } from './errors';

const UNSUPPORTED = '1999-01-01';

/** An api-version the target must reject: a MUST (400 with an ErrorResponse) and, for some, a SHOULD (its error.code). */
interface Rejected {
  readonly what: string;
  readonly apiVersion: string | null;
  readonly must: RequirementId;
  readonly should?: { readonly id: RequirementId; readonly code: string };
}

const REJECTED: readonly Rejected[] = [
  {
    what: 'without api-version',
    apiVersion: null,
    must: 'DJ-APIV-01',
    should: { id: 'DJ-APIV-02', code: 'MissingApiVersionParameter' },
  },
  { what: 'with an empty api-version', apiVersion: '', must: 'DJ-APIV-03' },
  {
    what: `with unsupported api-version ${UNSUPPORTED}`,
    apiVersion: UNSUPPORTED,
    must: 'DJ-APIV-04',
    should: { id: 'DJ-APIV-05', code: 'UnsupportedApiVersionValue' },
  },
];

function getWith(id: string, apiVersion: string | null): readonly Probe[] {
  return [{ kind: 'getById', id, options: { apiVersion } }];
}

function rejectedCases(id: string, { what, apiVersion, must, should }: Rejected): Case[] {
  const probes = getWith(id, apiVersion);
  const rejected = `GetById ${what} must be rejected with 400`;
  const cases: Case[] = [
    {
      requirementId: must,
      title: `GetById ${what} answers 400 with an ErrorResponse [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          errorResponseWith(f, only(exchanges), 400, rejected);
        }),
    },
  ];
  if (should === undefined) return cases;
  return [
    ...cases,
    {
      requirementId: should.id,
      title: `GetById ${what} has error.code ${should.code} [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.notApplicableWhen(
            exchange.status !== 400,
            `the request was answered ${exchange.status}, not rejected with 400 (${must} reports it)`,
          );
          errorCodeIs(f, exchange, should.code);
        }),
    },
  ];
}

/** One step away from the version the run uses: a server matching api-version by prefix or by date accepts them. */
function nearMissCases(id: string, label: string, value: string): Case[] {
  const probes = getWith(id, value);
  const what = `GetById with near-miss api-version ${value} (${label})`;
  return [
    {
      requirementId: 'DJ-APIV-04',
      title: `${what} answers 400 with an ErrorResponse [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          errorResponseWith(
            f,
            only(exchanges),
            400,
            `api-version ${value} is not a supported version, only one step away from one: it must be rejected with 400`,
          );
        }),
    },
    {
      requirementId: 'DJ-APIV-05',
      title: `${what} has error.code UnsupportedApiVersionValue [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.notApplicableWhen(
            exchange.status !== 400,
            `api-version ${value} was answered ${exchange.status}, not rejected with 400 (DJ-APIV-04 reports it)`,
          );
          errorCodeIs(f, exchange, 'UnsupportedApiVersionValue');
        }),
    },
  ];
}

/** DJ-APIV-01…05: GetById of an existing job (a server that ignores api-version then plainly answers 200) without a valid api-version. */
export function apiVersionCases(context: PlanContext): Case[] {
  const id = probeId(context);
  const nearMisses = nearMissApiVersions(context.apiVersion);
  const apiVersions = [
    ...REJECTED.map((rejected) => rejected.apiVersion),
    ...nearMisses.map((nearMiss) => nearMiss.value),
  ];
  return [
    ...REJECTED.flatMap((rejected) => rejectedCases(id, rejected)),
    ...nearMisses.flatMap(({ label, value }) => nearMissCases(id, label, value)),
    {
      requirementId: 'DJ-404-02',
      title: `x-ms-error-code equals error.code on the api-version errors [${id}]`,
      probes: apiVersions.flatMap((apiVersion) => getWith(id, apiVersion)),
      check: (exchanges) =>
        judge((f) => {
          errorCodeHeadersAgree(f, exchanges, 'DJ-APIV-01, -03 and -04');
        }),
    },
  ];
}
