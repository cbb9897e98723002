import { expect, test } from '@playwright/test';
import { SUBCOMMANDS } from '../../../src/cli/adt-conformance';
import { commandLine, SUBCOMMAND_OF_SCRIPT } from '../../../mock/contract';

test('a fix names the command as the user has it: the npm script in the repository, the installed command otherwise', () => {
  expect(commandLine('report', '', false), 'in the repository').toBe('npm run report');
  expect(commandLine('compare', '--help', false), 'arguments after --').toBe('npm run compare -- --help');
  expect(commandLine('report', '', true), 'installed').toBe('npx adt-conformance report');
  expect(commandLine('conformance', '--replay r.har', true), 'the run is `run`').toBe(
    'npx adt-conformance run --replay r.har',
  );
  expect(commandLine('report'), 'here the TypeScript sources run: the repository').toBe('npm run report');
});

test('each subcommand of adt-conformance is the npm script it names, and the other way round', () => {
  for (const [name, subcommand] of Object.entries(SUBCOMMANDS))
    expect(SUBCOMMAND_OF_SCRIPT[subcommand.npmScript], `${name} runs npm run ${subcommand.npmScript}`).toBe(name);
  expect(Object.keys(SUBCOMMANDS).sort(), 'every script has its subcommand').toEqual(
    Object.values(SUBCOMMAND_OF_SCRIPT).sort(),
  );
});
