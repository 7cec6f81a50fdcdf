// Loads the wasm core once per service-worker life and calls its JSON functions.
// A static import: dynamic import() is not allowed in a service worker.
import createCore from '../core/core.mjs';

let modulePromise;

export class CoreError extends Error {
  constructor(error) {
    super(error?.message ?? 'core error');
    this.kind = error?.kind ?? 'internal';
    if (error?.retryAfterMs !== undefined) this.retryAfterMs = error.retryAfterMs;
  }
}

function loadModule() {
  modulePromise ??= createCore();
  return modulePromise;
}

// Calls core function `name` with `input` (an object, serialised to one JSON
// string) and any further raw string arguments (parseResponseBody's body, passed as is
// rather than escaped into the JSON), and returns the parsed answer; a {"ok":false}
// answer becomes a CoreError.
export async function callCore(name, input, ...raw) {
  const core = await loadModule();
  const fn = core[name];
  if (typeof fn !== 'function') throw new CoreError({ kind: 'unsupported', message: `core has no ${name}` });
  const answer = JSON.parse(input === undefined ? fn.call(core) : fn.call(core, JSON.stringify(input), ...raw));
  if (!answer.ok) throw new CoreError(answer.error);
  return answer;
}
