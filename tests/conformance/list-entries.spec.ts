import { listEntriesCases, test, testsFor } from './fixtures';

for (const planned of testsFor(listEntriesCases)) test(planned.title, planned.details, planned.body);
