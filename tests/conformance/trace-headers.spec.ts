import { test, testsFor, traceHeadersCases } from './fixtures';

for (const planned of testsFor(traceHeadersCases)) test(planned.title, planned.details, planned.body);
