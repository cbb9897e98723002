import { jobStateCases, test, testsFor } from './fixtures';

for (const planned of testsFor(jobStateCases)) test(planned.title, planned.details, planned.body);
