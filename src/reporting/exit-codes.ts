/**
 * The exit codes of a run (`npm run conformance`, `npm run report -- --merge`), declared once: the code maps the
 * verdict through this table and scripts/docs.ts generates the README's and docs' exit-code tables from it.
 */
export interface ExitCode {
  readonly code: number;
  /** The run verdict the console prints beside this exit, or null where no verdict is reached. */
  readonly verdict: string | null;
  readonly meaning: string;
}

export const EXIT_CODES = {
  passed: {
    code: 0,
    verdict: 'PASSED',
    meaning: 'every MUST requirement that a complete run checks was checked, and none failed',
  },
  failed: {
    code: 1,
    verdict: 'FAILED',
    meaning:
      'a MUST requirement failed, something failed outside the requirements, or the target is unusable (one message says which and how to fix it); wins over INCOMPLETE',
  },
  configuration: {
    code: 2,
    verdict: null,
    meaning:
      'configuration or usage error: one message naming the variable or option and the fix; nothing was started or touched',
  },
  incomplete: {
    code: 3,
    verdict: 'INCOMPLETE',
    meaning:
      'nothing failed, but a MUST requirement a complete run always checks went unchecked (e.g. no delete job on the target); the list says why and how to make it checkable. `ADT_ACCEPT_INCOMPLETE=1` accepts that with exit 0',
  },
  interrupted: {
    code: 130,
    verdict: 'INTERRUPTED',
    meaning: 'the run was interrupted (Ctrl-C, SIGINT or SIGTERM); the last complete report is kept',
  },
} as const satisfies Readonly<Record<string, ExitCode>>;

export type ExitName = keyof typeof EXIT_CODES;
