import { runLevelTests, test } from './fixtures';

for (const planned of runLevelTests()) test(planned.title, planned.details, planned.body);
