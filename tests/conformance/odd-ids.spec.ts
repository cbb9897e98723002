import { oddIdsCases, test, testsFor } from './fixtures';

for (const planned of testsFor(oddIdsCases)) test(planned.title, planned.details, planned.body);
