import { nearMissIdsCases, test, testsFor } from './fixtures';

for (const planned of testsFor(nearMissIdsCases)) test(planned.title, planned.details, planned.body);
