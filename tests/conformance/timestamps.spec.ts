import { test, testsFor, timestampsCases } from './fixtures';

for (const planned of testsFor(timestampsCases)) test(planned.title, planned.details, planned.body);
