import { notFoundCases, test, testsFor } from './fixtures';

for (const planned of testsFor(notFoundCases)) test(planned.title, planned.details, planned.body);
