// Prism (@stoplight/prism-cli) is installed on demand into .tmp/, never into package.json: it is big.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PRISM_PACKAGE = '@stoplight/prism-cli@5.14.2';

/** Prism cannot be used in this run; the message says why and how to fix it. */
export class PrismUnavailable extends Error {}

export function prismEntry(prismDir: string): string {
  return path.join(prismDir, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
}

export async function ensurePrism(prismDir: string, log: (line: string) => void): Promise<string> {
  const entry = prismEntry(prismDir);
  if (existsSync(entry)) return entry;
  mkdirSync(prismDir, { recursive: true });
  log(`Installing ${PRISM_PACKAGE} into ${prismDir} (once; about 20 s)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = [
    'install',
    '--prefix',
    prismDir,
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    PRISM_PACKAGE,
  ];
  await new Promise<void>((resolve, reject) => {
    execFile(npm, args, { timeout: 300_000 }, (error, _stdout, stderr) => {
      if (error) {
        const detail = stderr.trim().split('\n').slice(-3).join(' ');
        reject(
          new PrismUnavailable(
            `Prism could not be installed (${detail || error.message}). Install it by hand with ` +
              `"npm ${args.join(' ')}" or skip it with --targets bare,mock.`,
          ),
        );
      } else resolve();
    });
  });
  if (!existsSync(entry))
    throw new PrismUnavailable(`Prism was installed but ${entry} is missing; delete ${prismDir} and run again.`);
  return entry;
}

const KEPT_PATH_PREFIX = '/jobs/deletions';

function stripExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripExamples);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'x-ms-examples') out[key] = stripExamples(value);
  }
  return out;
}

/** Copy of the official spec with only the Delete Jobs paths and no x-ms-examples, written under workDir. */
export function preparePrismSpec(specPath: string, workDir: string): string {
  if (!existsSync(specPath)) {
    throw new PrismUnavailable(
      `The official spec was not found at ${specPath}. Pass its path with --spec PATH, or skip Prism with --targets bare,mock.`,
    );
  }
  let spec: { paths?: Record<string, unknown> } & Record<string, unknown>;
  try {
    spec = JSON.parse(readFileSync(specPath, 'utf8')) as typeof spec;
  } catch (error) {
    throw new PrismUnavailable(
      `${specPath} is not valid JSON (${(error as Error).message}); pass the official spec with --spec PATH.`,
    );
  }
  const paths = Object.fromEntries(
    Object.entries(spec.paths ?? {}).filter(([route]) => route.startsWith(KEPT_PATH_PREFIX)),
  );
  if (Object.keys(paths).length === 0)
    throw new PrismUnavailable(
      `${specPath} has no ${KEPT_PATH_PREFIX} paths; pass the Digital Twins 2023-10-31 spec with --spec PATH.`,
    );
  mkdirSync(workDir, { recursive: true });
  const out = path.join(workDir, 'prism-spec.json');
  writeFileSync(out, JSON.stringify(stripExamples({ ...spec, paths }), null, 1));
  return out;
}
