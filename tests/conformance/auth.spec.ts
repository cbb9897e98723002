import { authCases, test, testsFor } from './fixtures';

for (const planned of testsFor(authCases)) test(planned.title, planned.details, planned.body);
