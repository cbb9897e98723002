/** Names shared by the worker-side annotations, the Allure config and the matrix reporter. */
export const ALLURE_EPIC = 'Azure Digital Twins Delete Jobs API';
export const OPERATION_DOC_URL =
  'https://learn.microsoft.com/en-us/rest/api/digital-twins/dataplane/jobs/delete-jobs-get-by-id?view=rest-digital-twins-dataplane-2023-10-31';
export const OPERATION_DOC_NAME = 'Microsoft Learn: DeleteJobs_GetById (2023-10-31)';

export const REQUIREMENT_LABEL = 'requirement';
export const LEVEL_LABEL = 'requirementLevel';
export const KNOWN_DEVIATION_LABEL = 'knownDeviation';
export const KNOWN_DEVIATION_TAG = 'known-deviation';

export const ALLURE_RESULTS_DIR = 'allure-results';
export const ALLURE_REPORT_DIR = 'allure-report';
export const JUNIT_XML = 'junit.xml';
/** The single-file Allure report (awesome plugin's singleFile): opens from disk, e.g. a downloaded CI artifact. */
export const ALLURE_SINGLE_FILE = 'allure-report.html';
/** allurerc.ts builds both reports in one pass, each by its own Awesome plugin, into a sub-folder named after it. */
export const ALLURE_FOLDER_PLUGIN = 'folder';
export const ALLURE_SINGLE_PLUGIN = 'single';

/** The first line of globalSetup's error when the target cannot be used (unreachable, no credential, no such job). */
export const STOPPED_BEFORE_ANY_TEST = 'Conformance run stopped before any test.';
