import { latencyCases, test, testsFor } from './fixtures';

for (const planned of testsFor(latencyCases)) test(planned.title, planned.details, planned.body);
