/** The shipped CI templates parse and keep the structure docs/staging.md ("For staging users") promises. */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const TEMPLATES = path.resolve(__dirname, '..', '..', '..', '..', 'ci-templates');

type Node = Record<string, unknown>;

function load(relative: string): Node {
  return parse(readFileSync(path.join(TEMPLATES, relative), 'utf8'), { strict: true, uniqueKeys: true }) as Node;
}

function record(value: unknown, where: string): Node {
  expect(typeof value === 'object' && value !== null && !Array.isArray(value), `${where} is a mapping`).toBe(true);
  return value as Node;
}

function list(value: unknown, where: string): Node[] {
  expect(Array.isArray(value), `${where} is a list`).toBe(true);
  return value as Node[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stepsUsing(steps: Node[], action: string): Node[] {
  return steps.filter((step) => typeof step.uses === 'string' && step.uses.startsWith(`${action}@`));
}

function tasks(steps: Node[], task: string): Node[] {
  return steps.filter((step) => step.task === task);
}

/** What GitHub Actions would reject in a workflow, from GitHub's own parser, offline (see workflow-problems.ts). */
function workflowProblems(name: string, content: string): string[] {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'workflow-problems.ts'), name], {
    input: content,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status, `the validator ran: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as string[];
}

const GITHUB_TEMPLATE = 'github-actions/adt-conformance-staging.yml';

test('the GitHub workflow is valid for GitHub Actions (@actions/workflow-parser, offline)', () => {
  expect(
    workflowProblems(GITHUB_TEMPLATE, readFileSync(path.join(TEMPLATES, GITHUB_TEMPLATE), 'utf8')),
    'what GitHub would reject',
  ).toEqual([]);
});

test('the workflow validation catches a broken workflow: an unknown key, a bad runs-on, a bad timeout', () => {
  const broken = readFileSync(path.join(TEMPLATES, GITHUB_TEMPLATE), 'utf8')
    .replace('    timeout-minutes: 45 # below', '    timeout-minute: 45 # below')
    .replace(
      '  report:\n    name: One Allure report from all shards\n    needs: conformance\n    if: ${{ !cancelled() }}\n    runs-on: ubuntu-latest',
      '  report:\n    name: One Allure report from all shards\n    needs: conformance\n    if: ${{ !cancelled() }}\n    runs-on: { image: ubuntu-latest }',
    )
    .replace('    timeout-minutes: 45\n', '    timeout-minutes: soon\n');
  const problems = workflowProblems('broken.yml', broken);
  expect(problems.join('\n'), 'the unknown key').toMatch(/Unexpected value 'timeout-minute'/);
  expect(problems.join('\n'), 'runs-on given a mapping GitHub does not know').toMatch(/Unexpected value 'image'/);
  expect(problems.join('\n'), 'a timeout that is not a number').toMatch(/Unexpected value 'soon'/);
});

test('the templates run the same Node.js major, inside package.json "engines"', () => {
  const { engines } = JSON.parse(readFileSync(path.join(TEMPLATES, '..', 'package.json'), 'utf8')) as {
    engines: { node: string };
  };
  const github = String(record(load(GITHUB_TEMPLATE).env, 'env').NODE_VERSION);
  const azure = String(
    list(load('azure-pipelines/adt-conformance-staging.yml').variables, 'variables').find(
      (variable) => variable.name === 'NODE_VERSION',
    )?.value,
  );
  expect(azure, 'Azure names the same major as GitHub').toBe(`${github}.x`);
  const githubJobs = Object.values(record(load(GITHUB_TEMPLATE).jobs, 'jobs')).map((job) => record(job, 'job'));
  const setupNode = githubJobs.flatMap((job) => stepsUsing(list(job.steps, 'steps'), 'actions/setup-node'));
  expect(
    setupNode.map((step) => record(step.with, 'setup-node with')['node-version']),
    'every GitHub job uses the one pin',
  ).toEqual(githubJobs.map(() => '${{ env.NODE_VERSION }}'));
  const azureJobs = list(load('azure-pipelines/adt-conformance-staging.yml').stages, 'stages').flatMap((stage) =>
    list(stage.jobs, 'jobs'),
  );
  const useNode = azureJobs.flatMap((job) => tasks(list(job.steps, 'steps'), 'UseNode@1'));
  expect(
    useNode.map((step) => record(step.inputs, 'UseNode@1 inputs').version),
    'every Azure job uses the one pin',
  ).toEqual(azureJobs.map(() => '$(NODE_VERSION)'));
  const floor = /^>=(\d+)\.\d+$/.exec(engines.node)?.[1];
  expect(Number(github), `the templates' major is one "engines" (${engines.node}) allows`).toBeGreaterThanOrEqual(
    Number(floor),
  );
});

test('the npm scripts the templates call exist', () => {
  const { scripts } = JSON.parse(readFileSync(path.join(TEMPLATES, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['conformance', 'report', 'check:drift', 'compare']));
});

const UPSTREAM_SPEC =
  'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/specification/digitaltwins/data-plane/DigitalTwins/stable/2023-10-31';

/** A job's steps fetch the official file and its examples, then run the drift check against it. */
function expectUpstreamDriftSteps(scripts: string[], upstream: string): void {
  const all = scripts.join('\n');
  expect(upstream, 'the official file is fetched from the Azure REST API specs repository').toBe(UPSTREAM_SPEC);
  expect(all, 'the official file is downloaded').toMatch(
    /curl -fsSL "\$\(?UPSTREAM\)?\/digitaltwins\.json" -o upstream\/digitaltwins\.json/,
  );
  expect(all, 'its Delete Jobs examples are downloaded beside it').toContain(
    'for example in DeleteJobGet DeleteJobList DeleteJobPost',
  );
  expect(all, 'the drift check runs against the fetched file').toContain(
    'npm run check:drift -- upstream/digitaltwins.json',
  );
}

test.describe('GitHub Actions template', () => {
  const workflow = load('github-actions/adt-conformance-staging.yml');
  const jobs = record(workflow.jobs, 'jobs');
  const conformance = record(jobs.conformance, 'jobs.conformance');
  const report = record(jobs.report, 'jobs.report');
  const shardSteps = list(conformance.steps, 'jobs.conformance.steps');
  const reportSteps = list(report.steps, 'jobs.report.steps');

  test('an upstream-spec job fetches the current official file and runs the drift check against it', () => {
    const upstream = record(jobs['upstream-spec'], 'jobs.upstream-spec');
    expect(upstream['continue-on-error'], 'optional: upstream moving never turns the staging nightly red').toBe(true);
    expect(String(upstream.name), 'its name says what it is and that it is optional').toMatch(
      /^Upstream spec drift \(optional/,
    );
    expect(upstream.needs, 'independent of the staging jobs').toBeUndefined();
    const steps = list(upstream.steps, 'jobs.upstream-spec.steps');
    const fetch = steps.find((step) => text(step.run).includes('curl'));
    expectUpstreamDriftSteps(
      steps.map((step) => text(step.run)),
      text(record(fetch?.env, 'fetch step env').UPSTREAM),
    );
  });

  test('has triggers and the OIDC permission (id-token: write)', () => {
    expect(record(workflow.on, 'on')).toHaveProperty('workflow_dispatch');
    expect(record(workflow.permissions, 'permissions')['id-token'], 'azure/login needs an OIDC token').toBe('write');
  });

  test('targets staging with Azure auth and a request rate that splits the ~1 request/s budget across shards', () => {
    const env = record(workflow.env, 'env');
    expect(env.ADT_AUTH).toBe('azure');
    expect(String(env.AZURE_DIGITALTWINS_URL)).toContain('vars.AZURE_DIGITALTWINS_URL');
    const shards = list(record(record(conformance.strategy, 'strategy').matrix, 'matrix').shard, 'matrix.shard').length;
    expect(Number(env.ADT_MAX_RPS) * shards, 'total request rate of all shards together').toBeLessThanOrEqual(1);
  });

  test('shows ADT_ACCEPT_INCOMPLETE, off unless the repository variable says 1', () => {
    expect(
      String(record(workflow.env, 'env').ADT_ACCEPT_INCOMPLETE),
      'an INCOMPLETE run fails the job unless accepted',
    ).toBe("${{ vars.ADT_ACCEPT_INCOMPLETE || '0' }}");
  });

  test('logs in with azure/login and workload identity: client and tenant id, no secret', () => {
    const [login] = stepsUsing(shardSteps, 'azure/login');
    const inputs = record(login?.with, 'azure/login with');
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['client-id', 'tenant-id']));
    expect(inputs, 'OIDC needs no client secret').not.toHaveProperty('client-secret');
    expect(inputs, 'OIDC needs no creds JSON').not.toHaveProperty('creds');
  });

  test('shards over a matrix with --shard ${{ matrix.shard }}/${{ strategy.job-total }}', () => {
    const strategy = record(conformance.strategy, 'strategy');
    expect(list(record(strategy.matrix, 'matrix').shard, 'matrix.shard').length).toBeGreaterThan(1);
    expect(strategy['fail-fast'], 'every shard reports').toBe(false);
    const runs = shardSteps.map((step) => text(step.run));
    expect(
      runs.some(
        (run) =>
          run.includes('npm run conformance') && run.includes('--shard ${{ matrix.shard }}/${{ strategy.job-total }}'),
      ),
    ).toBe(true);
  });

  test("uploads each shard's reports even when the shard fails", () => {
    const [upload] = stepsUsing(shardSteps, 'actions/upload-artifact');
    expect(upload?.if).toBe('${{ !cancelled() }}');
    const inputs = record(upload?.with, 'upload-artifact with');
    expect(String(inputs.name)).toContain('${{ matrix.shard }}');
    expect(String(inputs.path)).toContain('reports');
  });

  test("keeps each shard's recording (reports/exchanges.har) as an artifact of its own, even when the shard fails", () => {
    const recording = stepsUsing(shardSteps, 'actions/upload-artifact').find(
      (step) => record(step.with, 'upload-artifact with').path === 'reports/exchanges.har',
    );
    expect(recording?.if, 'uploaded whatever the verdict').toBe('${{ !cancelled() }}');
    expect(String(record(recording?.with, 'upload-artifact with').name), 'one artifact per shard').toBe(
      'exchanges-shard-${{ matrix.shard }}',
    );
  });

  test('a merge job downloads all shards, merges one report, caches the Allure history and publishes the report', () => {
    expect(report.needs).toBe('conformance');
    expect(report.if).toBe('${{ !cancelled() }}');
    const [download] = stepsUsing(reportSteps, 'actions/download-artifact');
    expect(record(download?.with, 'download-artifact with').pattern).toBe('conformance-shard-*');
    expect(reportSteps.some((step) => text(step.run).includes('npm run report -- --merge'))).toBe(true);
    const restore = stepsUsing(reportSteps, 'actions/cache/restore')[0];
    const save = stepsUsing(reportSteps, 'actions/cache/save')[0];
    expect(record(restore?.with, 'cache/restore with').path).toBe('reports/history');
    expect(record(save?.with, 'cache/save with').path).toBe('reports/history');
    const [publish, single] = stepsUsing(reportSteps, 'actions/upload-artifact');
    expect(String(record(publish?.with, 'upload-artifact with').path)).toContain('reports/allure-report/');
    expect(single?.if, 'the single-file report is published even when the verdict failed').toBe('${{ !cancelled() }}');
    expect(record(single?.with, 'upload-artifact with').path, 'the single-file report, which opens from disk').toBe(
      'reports/allure-report.html',
    );
  });

  test("the merged conformance matrix goes to the run's summary, whatever the verdict", () => {
    const merge = reportSteps.findIndex((step) => text(step.run).includes('npm run report -- --merge'));
    const summary = reportSteps.findIndex((step) =>
      text(step.run).includes('cat reports/conformance-matrix.md >> "$GITHUB_STEP_SUMMARY"'),
    );
    expect(summary, 'after the merge that writes it').toBeGreaterThan(merge);
    expect(reportSteps[summary]?.if, 'also when the verdict failed').toBe('${{ !cancelled() }}');
  });
  test('an optional compare job, after the shards, compares staging with the mock and publishes reports/compare/ whatever the verdict', () => {
    const compare = record(jobs.compare, 'jobs.compare');
    const steps = list(compare.steps, 'jobs.compare.steps');
    expect(compare.needs, 'after the shards: never shares the request budget with them').toBe('conformance');
    expect(String(compare.if), 'runs only when the repository variable asks for it').toContain(
      "vars.ADT_COMPARE_NIGHTLY == '1'",
    );
    expect(compare['continue-on-error'], 'a difference does not fail the workflow').toBe(true);
    expect(
      Number(record(compare.env, 'jobs.compare.env').ADT_MAX_RPS),
      'one run at a time against the instance: ~1 request/s',
    ).toBeLessThanOrEqual(1);
    expect(stepsUsing(steps, 'azure/login'), 'the staging run needs an Azure token').toHaveLength(1);
    expect(
      steps.some((step) => text(step.run).includes('npm run compare -- "staging=$AZURE_DIGITALTWINS_URL" mock')),
      'staging against the bundled mock',
    ).toBe(true);
    const [publish] = stepsUsing(steps, 'actions/upload-artifact');
    expect(publish?.if, 'the comparison is published even when the targets differ').toBe('${{ !cancelled() }}');
    expect(record(publish?.with, 'upload-artifact with').path, 'the comparison folder').toBe('reports/compare/');
  });
});

test.describe('Azure Pipelines template', () => {
  const pipeline = load('azure-pipelines/adt-conformance-staging.yml');
  const stages = list(pipeline.stages, 'stages');
  const conformanceStage = stages.find((stage) => stage.stage === 'Conformance');
  const reportStage = stages.find((stage) => stage.stage === 'Report');
  const shardJob = list(conformanceStage?.jobs, 'Conformance jobs')[0];
  const mergeJob = list(reportStage?.jobs, 'Report jobs')[0];
  const shardSteps = list(shardJob?.steps, 'shard steps');
  const mergeSteps = list(mergeJob?.steps, 'merge steps');

  test('an UpstreamSpec stage fetches the current official file and runs the drift check against it', () => {
    const stage = stages.find((candidate) => candidate.stage === 'UpstreamSpec');
    const job = list(stage?.jobs, 'UpstreamSpec jobs')[0];
    expect(job?.continueOnError, 'optional: upstream moving never fails the staging nightly').toBe(true);
    expect(String(job?.displayName), 'its name says what it is and that it is optional').toMatch(
      /^Upstream spec drift \(optional/,
    );
    expect(stage?.dependsOn, 'independent of the staging stages').toEqual([]);
    const steps = list(job?.steps, 'UpstreamSpec steps');
    expectUpstreamDriftSteps(
      steps.map((step) => text(step.script)),
      text(record(job?.variables, 'UpstreamSpec variables').UPSTREAM),
    );
  });

  test('has stages with jobs and steps', () => {
    expect(conformanceStage).toBeDefined();
    expect(reportStage).toBeDefined();
    expect(shardSteps.length).toBeGreaterThan(0);
    expect(mergeSteps.length).toBeGreaterThan(0);
  });

  test('runs the suite in an AzureCLI@2 task (workload identity service connection), sharded over a parallel strategy', () => {
    const strategy = record(shardJob?.strategy, 'strategy');
    const parallel = Number(strategy.parallel);
    expect(parallel > 1 || 'matrix' in strategy, 'a parallel or matrix strategy').toBe(true);
    const [cli] = tasks(shardSteps, 'AzureCLI@2');
    const inputs = record(cli?.inputs, 'AzureCLI@2 inputs');
    expect(typeof inputs.azureSubscription).toBe('string');
    expect(String(inputs.inlineScript)).toContain(
      'npm run conformance -- --shard $(System.JobPositionInPhase)/$(System.TotalJobsInPhase)',
    );
  });

  test('keeps the total request rate of all shards under ~1 request/s', () => {
    const variables = list(pipeline.variables, 'variables');
    const rps = Number(variables.find((variable) => variable.name === 'ADT_MAX_RPS')?.value);
    const auth = variables.find((variable) => variable.name === 'ADT_AUTH')?.value;
    expect(auth).toBe('azure');
    expect(rps * Number(record(shardJob?.strategy, 'strategy').parallel)).toBeLessThanOrEqual(1);
  });

  test('shows ADT_ACCEPT_INCOMPLETE, off by default', () => {
    const accept = list(pipeline.variables, 'variables').find((variable) => variable.name === 'ADT_ACCEPT_INCOMPLETE');
    expect(accept?.value, 'an INCOMPLETE run fails the shard with exit 3 unless accepted').toBe('0');
  });

  test("publishes each shard's results, then downloads them, merges, caches history and publishes the report", () => {
    const [publishShard] = tasks(shardSteps, 'PublishPipelineArtifact@1');
    expect(publishShard?.condition).toBe('succeededOrFailed()');
    expect(String(record(publishShard?.inputs, 'publish inputs').artifact)).toContain('$(System.JobPositionInPhase)');
    expect(reportStage?.dependsOn).toBe('Conformance');
    expect(reportStage?.condition).toBe('succeededOrFailed()');
    const [download] = tasks(mergeSteps, 'DownloadPipelineArtifact@2');
    expect(String(record(download?.inputs, 'download inputs').itemPattern)).toContain('conformance-shard-*');
    expect(record(tasks(mergeSteps, 'Cache@2')[0]?.inputs, 'cache inputs').path).toBe('reports/history');
    expect(mergeSteps.some((step) => text(step.script).includes('npm run report -- --merge'))).toBe(true);
    const published = tasks(mergeSteps, 'PublishPipelineArtifact@1').map((step) =>
      record(step.inputs, 'publish inputs'),
    );
    expect(
      published.map((inputs) => inputs.targetPath),
      'the report folder and the single-file report',
    ).toEqual(['reports', 'reports/allure-report.html']);
  });
  test('an optional Compare stage, after the shards, compares staging with the mock and publishes reports/compare whatever the verdict', () => {
    const stage = stages.find((candidate) => candidate.stage === 'Compare');
    const job = list(stage?.jobs, 'Compare jobs')[0];
    const steps = list(job?.steps, 'Compare steps');
    expect(stage?.dependsOn, 'after the shards: never shares the request budget with them').toBe('Conformance');
    expect(String(stage?.condition), 'runs only when the variable asks for it').toContain(
      "eq(variables['ADT_COMPARE_NIGHTLY'], '1')",
    );
    expect(
      Number(record(job?.variables, 'Compare variables').ADT_MAX_RPS),
      'one run at a time against the instance: ~1 request/s',
    ).toBeLessThanOrEqual(1);
    const [cli] = tasks(steps, 'AzureCLI@2');
    expect(cli?.continueOnError, 'a difference does not fail the pipeline').toBe(true);
    expect(String(record(cli?.inputs, 'AzureCLI@2 inputs').inlineScript), 'staging against the bundled mock').toContain(
      'npm run compare -- "staging=$AZURE_DIGITALTWINS_URL" mock',
    );
    const [publish] = tasks(steps, 'PublishPipelineArtifact@1');
    expect(publish?.condition, 'published even when the targets differ').toBe('succeededOrFailed()');
    expect(record(publish?.inputs, 'publish inputs').targetPath, 'the comparison folder').toBe('reports/compare');
  });

  test("publishes each shard's junit.xml to the Tests tab whatever the verdict, without failing on its failed cases", () => {
    const [publish] = tasks(shardSteps, 'PublishTestResults@2');
    expect(publish?.condition, 'published whatever the verdict').toBe('succeededOrFailed()');
    const inputs = record(publish?.inputs, 'PublishTestResults@2 inputs');
    expect([inputs.testResultsFormat, inputs.testResultsFiles], 'the JUnit file the suite writes').toEqual([
      'JUnit',
      'reports/junit.xml',
    ]);
    expect(
      inputs.failTaskOnFailedTests,
      'the exit code is the verdict; SHOULD warnings are failed cases in JUnit',
    ).toBe(false);
    expect(String(inputs.testRunTitle), 'one test run per shard').toContain('$(System.JobPositionInPhase)');
  });

  test("keeps each shard's recording (reports/exchanges.har) as an artifact of its own, even when the shard fails", () => {
    const recording = tasks(shardSteps, 'PublishPipelineArtifact@1').find(
      (step) => record(step.inputs, 'publish inputs').targetPath === 'reports/exchanges.har',
    );
    expect(recording?.condition, 'published whatever the verdict').toBe('succeededOrFailed()');
    expect(record(recording?.inputs, 'publish inputs').artifact, 'one artifact per shard').toBe(
      'exchanges-shard-$(System.JobPositionInPhase)',
    );
  });
});

/** The short forms: the installed command at a pinned version, no copy of this repository. */
const INSTALLED_GITHUB = 'github-actions/adt-conformance-installed.yml';
const INSTALLED_AZURE = 'azure-pipelines/adt-conformance-installed.yml';
const ACTION = path.join(TEMPLATES, '..', 'action.yml');
const PACKAGE = JSON.parse(readFileSync(path.join(TEMPLATES, '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};

/** `npx --yes <name>@<pin> run`: the package by its name, whose command bears the same name. */
function installedRun(pin: string): RegExp {
  const escaped = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^npx --yes "?${escaped(PACKAGE.name)}@${escaped(pin)}"? run\\b`);
}

test.describe('the installed-command templates and the composite action', () => {
  const github = load(INSTALLED_GITHUB);
  const githubEnv = record(github.env, 'env');
  const githubSteps = list(record(record(github.jobs, 'jobs').conformance, 'jobs.conformance').steps, 'steps');
  const azure = load(INSTALLED_AZURE);
  const azureVariables = list(azure.variables, 'variables');
  const azureVariable = (name: string): string =>
    String(azureVariables.find((variable) => variable.name === name)?.value);
  const azureSteps = list(list(azure.jobs, 'jobs')[0]?.steps, 'steps');
  const action = parse(readFileSync(ACTION, 'utf8'), { strict: true, uniqueKeys: true }) as Node;
  const inputs = record(action.inputs, 'inputs');

  test('the GitHub workflow and the action are valid for GitHub Actions (@actions/workflow-parser, offline)', () => {
    expect(
      workflowProblems(INSTALLED_GITHUB, readFileSync(path.join(TEMPLATES, INSTALLED_GITHUB), 'utf8')),
      'what GitHub would reject in the workflow',
    ).toEqual([]);
    expect(
      workflowProblems('action.yml', readFileSync(ACTION, 'utf8')),
      'what GitHub would reject in the action',
    ).toEqual([]);
    const broken = readFileSync(ACTION, 'utf8').replace('      shell: bash\n', '');
    expect(workflowProblems('action.yml', broken).join('\n'), 'a run step without its shell is caught').toMatch(
      /Required property is missing: shell/,
    );
  });

  test("pin this package's version and run the command by that pin, installing nothing else", () => {
    expect(Object.keys(PACKAGE.bin), 'the command the templates name').toEqual(['adt-conformance']);
    const pin = String(githubEnv.ADT_CONFORMANCE_VERSION);
    expect(pin, 'the GitHub pin is this version').toBe(PACKAGE.version);
    expect(azureVariable('ADT_CONFORMANCE_VERSION'), 'the Azure pin is this version').toBe(PACKAGE.version);
    expect(record(inputs.version, 'inputs.version').default, "the action's default is this version").toBe(
      PACKAGE.version,
    );
    const githubRuns = githubSteps.map((step) => text(step.run));
    expect(
      githubRuns.filter((run) => installedRun('${{ env.ADT_CONFORMANCE_VERSION }}').test(run)),
      'GitHub runs the pinned command once',
    ).toHaveLength(1);
    const azureRuns = tasks(azureSteps, 'AzureCLI@2').map((step) => text(record(step.inputs, 'inputs').inlineScript));
    expect(
      azureRuns.filter((run) => installedRun('$(ADT_CONFORMANCE_VERSION)').test(run)),
      'Azure runs the pinned command once, signed in by the service connection',
    ).toHaveLength(1);
    const actionRuns = list(record(action.runs, 'runs').steps, 'runs.steps').map((step) => text(step.run));
    expect(
      actionRuns.filter((run) => installedRun('${{ inputs.version }}').test(run)),
      'the action runs the pinned command once',
    ).toHaveLength(1);
    const everyScript = [...githubRuns, ...azureSteps.map((step) => text(step.script)), ...actionRuns].join('\n');
    expect(everyScript, 'no npm ci: nothing of this repository is needed').not.toMatch(/npm (ci|install|run)\b/);
  });

  test('run on the Node.js line of the repository templates, and keep the reports whatever the verdict', () => {
    const line = String(record(load(GITHUB_TEMPLATE).env, 'env').NODE_VERSION);
    expect(String(githubEnv.NODE_VERSION), 'GitHub').toBe(line);
    expect(azureVariable('NODE_VERSION'), 'Azure').toBe(`${line}.x`);
    expect(record(inputs['node-version'], 'inputs.node-version').default, 'the action').toBe(line);
    const [upload] = stepsUsing(githubSteps, 'actions/upload-artifact');
    expect(upload?.if, 'GitHub uploads reports/ of a failed run too').toBe('${{ !cancelled() }}');
    expect(String(record(upload?.with, 'upload-artifact with').path)).toContain('reports');
    const [publish] = tasks(azureSteps, 'PublishPipelineArtifact@1');
    expect(publish?.condition, 'Azure publishes reports of a failed run too').toBe('succeededOrFailed()');
    expect(record(githubEnv, 'env').ADT_AUTH, 'staging with Azure sign-in').toBe('azure');
  });
});
