import type { DefectQuirk } from '../quirk';
import { onEveryJob, readCounter } from './support';

const readOf = readCounter();

export const statusFlaps: DefectQuirk = {
  name: 'status-flaps',
  kind: 'defect',
  targets: ['DJ-STATE-04'],
  description:
    'Shows a running job as notstarted on every other read (GetById or List), so its status moves backwards.',
  response: onEveryJob((job, facts) =>
    job.status === 'running' && readOf(facts, job.id) % 2 === 0 ? { ...job, status: 'notstarted' } : job,
  ),
};
