/**
 * `node --import tsx workflow-problems.ts NAME < workflow.yml` prints, as a JSON array, what GitHub Actions would reject
 * in the workflow (or, for a NAME ending in action.yml, in the action's metadata): GitHub's own parser (@actions/workflow-parser, from actions/languageservices) checks it offline
 * against the schema Actions uses. It runs in a process of its own because the parser ships as ESM that imports its
 * JSON schema without an import attribute: Node's loader rejects that, tsx's accepts it.
 */
import { readFileSync } from 'node:fs';

async function main(): Promise<void> {
  const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const { parseAction } = await import('@actions/workflow-parser/actions/index');
  const file = { name: process.argv[2] ?? 'workflow.yml', content: readFileSync(0, 'utf8') };
  const parse = /(^|\/)action\.ya?ml$/.test(file.name) ? parseAction : parseWorkflow;
  const result = parse(file, new NoOperationTraceWriter());
  process.stdout.write(JSON.stringify(result.context.errors.getErrors().map((error) => error.message)));
}

void main();
