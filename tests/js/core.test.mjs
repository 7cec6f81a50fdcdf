import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCore, call, coreDir } from './helpers/core.mjs';

let core;
beforeAll(async () => { core = await loadCore(); });

test('version comes from the wasm core with its libraries', () => {
  const v = call(core, 'version');
  expect(v.ok).toBe(true);
  expect(v.version).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url))).version);
  expect(v.cryptopp).toMatch(/^8\.\d+\.\d+$/);
});

test('a C++ exception crosses the boundary as an error value, and the core keeps working', () => {
  const e = call(core, 'selfTest', { throw: 'core' });
  expect(e).toEqual({ ok: false, error: { kind: 'crypto', message: expect.stringContaining('self-test') } });
  expect(call(core, 'selfTest', { throw: 'std' }).error.kind).toBe('internal');
  expect(call(core, 'selfTest', '{oops').error.kind).toBe('invalid_input');
  expect(call(core, 'selfTest', { throw: 'no' })).toEqual({ ok: true, echo: 'no' });
});

test('the glue needs no eval or new Function (extension CSP)', () => {
  const glue = readFileSync(path.join(coreDir, 'core.mjs'), 'utf8');
  expect(glue).not.toMatch(/new Function\s*\(/);
  expect(glue).not.toMatch(/[^.\w]eval\s*\(/);
});
