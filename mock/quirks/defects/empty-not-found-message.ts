import type { DefectQuirk } from '../quirk';
import { onNotFound, withError } from './support';

export const emptyNotFoundMessage: DefectQuirk = {
  name: 'empty-not-found-message',
  kind: 'defect',
  targets: ['DJ-404-04'],
  description: 'Sends an empty error.message in the 404 DeleteJobNotFound.',
  response: onNotFound((draft) => {
    withError(draft, (error) => ({ ...error, message: '' }));
  }),
};
