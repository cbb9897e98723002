import { listCases, test, testsFor } from './fixtures';

for (const planned of testsFor(listCases)) test(planned.title, planned.details, planned.body);
