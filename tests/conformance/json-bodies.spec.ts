import { jsonBodiesCases, test, testsFor } from './fixtures';

for (const planned of testsFor(jsonBodiesCases)) test(planned.title, planned.details, planned.body);
