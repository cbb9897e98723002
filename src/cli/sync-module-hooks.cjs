'use strict';
/**
 * `node --require` this before Playwright starts (spawnSuite and `npm run test:self` do).
 *
 * Playwright transforms TypeScript through module.registerHooks where Node has it (22.15 and later). Node 20 has
 * only module.register, so Playwright starts an ESM loader thread in its runner and in every worker, about 0.3 s of
 * CPU per process, and `npm test` starts over a hundred. This repo is CommonJS, so the CommonJS half of
 * registerHooks is all Playwright's hooks need: given that, it transforms in the main thread with the same code and
 * the same source maps. Where Node has registerHooks, this file does nothing.
 */
const Module = require('node:module');
const { fileURLToPath, pathToFileURL } = require('node:url');

const CONDITIONS = ['require', 'node'];

function registerCommonJsHooks({ resolve, load }) {
  if (resolve) {
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, parent, ...rest) {
      if (parent && parent.filename) {
        const result = resolve(
          request,
          { parentURL: pathToFileURL(parent.filename).href, conditions: CONDITIONS },
          (specifier) => ({ url: specifier }),
        );
        if (result && typeof result.url === 'string')
          request = result.url.startsWith('file:') ? fileURLToPath(result.url) : result.url;
      }
      return resolveFilename.call(this, request, parent, ...rest);
    };
  }
  if (load) {
    // Only the .js loader: node loads an extension it does not know (.ts among them on Node 20) with it, and
    // Playwright points .ts, .cts, .tsx and .jsx at it once it has sync hooks.
    const jsLoader = Module._extensions['.js'];
    Module._extensions['.js'] = function (module, filename) {
      let declined = false;
      const result = load(pathToFileURL(filename).href, { format: 'commonjs', conditions: CONDITIONS }, () => {
        declined = true;
        return undefined;
      });
      if (declined || !result || result.source === undefined) return jsLoader.call(this, module, filename);
      module._compile(String(result.source), filename);
    };
  }
  return { deregister() {} };
}

if (typeof Module.registerHooks !== 'function') Module.registerHooks = registerCommonJsHooks;
