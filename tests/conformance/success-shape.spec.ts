import { successShapeCases, test, testsFor } from './fixtures';

for (const planned of testsFor(successShapeCases)) test(planned.title, planned.details, planned.body);
