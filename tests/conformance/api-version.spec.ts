import { apiVersionCases, test, testsFor } from './fixtures';

for (const planned of testsFor(apiVersionCases)) test(planned.title, planned.details, planned.body);
