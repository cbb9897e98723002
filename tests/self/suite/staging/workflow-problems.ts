/**
 * `node --import tsx workflow-problems.ts NAME < workflow.yml` prints, as a JSON array, what GitHub Actions would reject
 * in the workflow: GitHub's own parser (@actions/workflow-parser, from actions/languageservices) checks it offline
 * against the schema Actions uses. It runs in a process of its own because the parser ships as ESM that imports its
 * JSON schema without an import attribute: Node's loader rejects that, tsx's accepts it.
 */
import { readFileSync } from 'node:fs';

async function main(): Promise<void> {
  const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const result = parseWorkflow(
    { name: process.argv[2] ?? 'workflow.yml', content: readFileSync(0, 'utf8') },
    new NoOperationTraceWriter(),
  );
  process.stdout.write(JSON.stringify(result.context.errors.getErrors().map((error) => error.message)));
}

void main();
