// Loads the real wasm core under Node, as the extension ships it.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// KEYFOLIO_CORE_DIR points at another build of the core (a developer's own build dir);
// CI and ./scripts/test use the canonical build/wasm.
export const coreDir = process.env.KEYFOLIO_CORE_DIR
  ? path.resolve(process.env.KEYFOLIO_CORE_DIR)
  : path.join(root, 'build', 'wasm');

export async function loadCore() {
  const mjs = path.join(coreDir, 'core.mjs');
  if (!existsSync(mjs)) throw new Error(`${mjs} missing: run ./scripts/build`);
  const { default: createCore } = await import(mjs);
  return createCore({ wasmBinary: readFileSync(path.join(coreDir, 'core.wasm')) });
}

// Calls a core function the way the extension does: one JSON string in, one out.
export function call(core, name, input) {
  const text = input === undefined ? core[name]() : core[name](typeof input === 'string' ? input : JSON.stringify(input));
  return JSON.parse(text);
}
