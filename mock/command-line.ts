import path from 'node:path';

/**
 * How the user types a suite command where the mock runs: `npm run mock -- --port 0` in the repository, `npx
 * adt-conformance mock --port 0` from the installed (compiled) package. The suite's src/cli/command-line.ts says the
 * same for the suite; the mock stands alone, so it keeps its own copy of the rule.
 */
export function suiteCommandLine(script: 'mock' | 'conformance', args = ''): string {
  if (path.extname(__filename) === '.js')
    return ['npx adt-conformance', script === 'conformance' ? 'run' : script, args].filter(Boolean).join(' ');
  return args === '' ? `npm run ${script}` : `npm run ${script} -- ${args}`;
}
