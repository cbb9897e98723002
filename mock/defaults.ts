export const MOCK_DEFAULT_TOKEN = 'adt-mock-token';
export const MOCK_DEFAULT_SCENARIO = 'default';
export const SUPPORTED_API_VERSIONS = ['2023-10-31'] as const;

/** The one line the mock prints when it is ready; the suite's webServer reads the URL from it. */
export const READY_LINE_PREFIX = 'ADT mock listening on ';
export const READY_LINE_PATTERN = /ADT mock listening on (?<adt_mock_url>http:\/\/[^\s]+)/;
