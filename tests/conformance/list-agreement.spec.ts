import { listAgreementCases, test, testsFor } from './fixtures';

for (const planned of testsFor(listAgreementCases)) test(planned.title, planned.details, planned.body);
