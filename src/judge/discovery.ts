import { REPLAY_NOT_RECORDED_STATUS, type HarFile } from '../../mock/replay/har-format';
import type { DiscoveredJob, Discovery } from '../suite/discovery';
import { deleteJobsRouteOf } from '../suite/checks';
import { isRecord, parsedOrUndefined } from '../suite/json';
import { exchangeOfHarEntry, readRecordingFile } from '../engine/har-exchange';

/**
 * The jobs a recording shows without a List request (a browser that only polled one job): every job a GetById with
 * the configured credential answered 200 for, as its last answer showed it.
 */
export function jobsInRecording(recording: HarFile): DiscoveredJob[] {
  const byId = new Map<string, DiscoveredJob>();
  for (const entry of recording.log.entries) {
    if (entry.request.method !== 'GET' || entry._adt.credential !== 'configured' || entry.response.status !== 200)
      continue;
    const exchange = exchangeOfHarEntry(entry);
    const route = deleteJobsRouteOf(exchange);
    if (route?.operation !== 'getById') continue;
    const body = parsedOrUndefined(exchange.bodyText);
    if (!isRecord(body) || typeof body.id !== 'string' || typeof body.status !== 'string') continue;
    if (body.id !== route.id) continue;
    const { id } = body;
    byId.set(id, {
      id,
      status: body.status,
      ...(typeof body.createdDateTime === 'string' ? { createdDateTime: body.createdDateTime } : {}),
      sources: ['recording'],
    });
  }
  return [...byId.values()];
}

/**
 * Discovery against a judged recording: its List walk when it holds one; otherwise the jobs its GetById answers
 * show, with no List pages (the List requirements are then not in the recording, not failed).
 */
export function judgedDiscovery(walked: Discovery, recordingFile: string): Discovery {
  const first = walked.listPages[0];
  if (first !== undefined && first.status !== REPLAY_NOT_RECORDED_STATUS) return walked;
  return {
    target: walked.target,
    apiVersion: walked.apiVersion,
    jobs: jobsInRecording(readRecordingFile(recordingFile)),
    listPages: [],
  };
}
