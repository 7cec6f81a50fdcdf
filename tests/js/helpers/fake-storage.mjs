// A chrome.storage area in memory whose get and set each take a macrotask, as
// the real one does, so read-modify-write races between callers show up.
// Writes are reported to `emit` as chrome.storage.onChanged reports them.
export function fakeArea(name = 'local', emit = () => {}) {
  let data = {};
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const pick = (keys) => {
    if (keys === null || keys === undefined) return structuredClone(data);
    const list = Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
  };
  return {
    async get(keys) { await tick(); return pick(keys); },
    async set(values) {
      await tick();
      const changes = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { oldValue: data[k], newValue: structuredClone(v) }]));
      data = { ...data, ...structuredClone(values) };
      emit(changes, name);
    },
    async remove(keys) {
      await tick();
      const changes = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) {
        if (k in data) changes[k] = { oldValue: data[k] };
        delete data[k];
      }
      emit(changes, name);
    },
    dump: () => structuredClone(data),
  };
}

export function fakeChrome() {
  const listeners = new Set();
  const emit = (changes, area) => {
    if (Object.keys(changes).length) for (const fn of listeners) fn(structuredClone(changes), area);
  };
  return {
    storage: {
      local: fakeArea('local', emit),
      session: fakeArea('session', emit),
      onChanged: { addListener: (fn) => listeners.add(fn), removeListener: (fn) => listeners.delete(fn) },
    },
  };
}
