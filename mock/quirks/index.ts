import { BENIGN } from './benign';
import { DEFECTS } from './defects';
import type { Quirk, QuirkHooks } from './quirk';
import { didYouMean } from '../suggest';

export type { Quirk, QuirkHooks, RequestFacts, ResponseDraft } from './quirk';

/**
 * Every quirk the mock can be started with: one file each in defects/ or benign/, listed in that folder's index.ts,
 * which `npm run docs` generates from the folder (so the list survives bundling, where a folder cannot be read).
 */
export const QUIRKS: readonly Quirk[] = [...DEFECTS, ...BENIGN];

const byName = new Map(QUIRKS.map((quirk) => [quirk.name, quirk]));

export class UnknownQuirkError extends Error {}

export function quirksNamed(names: readonly string[]): Quirk[] {
  return names.map((name) => {
    const quirk = byName.get(name);
    if (!quirk) {
      const known = QUIRKS.map((q) => q.name);
      throw new UnknownQuirkError(
        `Unknown quirk "${name}".${didYouMean(name, known)} Known quirks: ${known.join(', ')}`,
      );
    }
    return quirk;
  });
}

type HookName = keyof QuirkHooks;

function chain<K extends HookName>(quirks: readonly Quirk[], name: K): NonNullable<Quirk[K]>[] {
  return quirks.map((quirk) => quirk[name]).filter((hook): hook is NonNullable<Quirk[K]> => hook !== undefined);
}

/**
 * One set of hooks from many quirks, each hook applied in the order the quirks were named. A hook no
 * quirk defines stays undefined, so the app keeps its fast path when no quirk is enabled.
 */
export function composeHooks(quirks: readonly Quirk[]): QuirkHooks {
  const hooks: QuirkHooks = {};
  const authorize = chain(quirks, 'authorize');
  if (authorize.length)
    hooks.authorize = (header, valid, token) =>
      authorize.reduce((verdict, hook) => hook(header, verdict, token), valid);
  const apiVersion = chain(quirks, 'checkApiVersion');
  if (apiVersion.length) {
    hooks.checkApiVersion = (verdict) =>
      apiVersion.reduce((error, hook) => hook({ values: verdict.values, error }), verdict.error);
  }
  const trace = chain(quirks, 'checkTrace');
  if (trace.length)
    hooks.checkTrace = (parent, state) => trace.map((hook) => hook(parent, state)).find((code) => code !== undefined);
  const findJob = chain(quirks, 'findJob');
  if (findJob.length) hooks.findJob = (id, found, world) => findJob.reduce((job, hook) => hook(id, job, world), found);
  const job = chain(quirks, 'job');
  if (job.length) hooks.job = (body) => job.reduce<unknown>((current, hook) => hook(current as typeof body), body);
  const pageSize = chain(quirks, 'pageSize');
  if (pageSize.length) hooks.pageSize = (size) => pageSize.reduce((current, hook) => hook(current), size);
  const collection = chain(quirks, 'collection');
  if (collection.length) {
    hooks.collection = (body) => collection.reduce<unknown>((current, hook) => hook(current as typeof body), body);
  }
  const errorBody = chain(quirks, 'errorBody');
  if (errorBody.length) {
    hooks.errorBody = (body, code) =>
      errorBody.reduce<unknown>((current, hook) => hook(current as typeof body, code), body);
  }
  // A content coding applies to the body every quirk has finished changing, whatever order the quirks were named in.
  const response = [...chain(quirks, 'response'), ...chain(quirks, 'encode')];
  if (response.length)
    hooks.response = (draft, facts) => {
      for (const hook of response) hook(draft, facts);
    };
  return hooks;
}
