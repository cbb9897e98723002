import { caseSensitivityCases, test, testsFor } from './fixtures';

for (const planned of testsFor(caseSensitivityCases)) test(planned.title, planned.details, planned.body);
