import { equivalenceCases, test, testsFor } from './fixtures';

for (const planned of testsFor(equivalenceCases)) test(planned.title, planned.details, planned.body);
