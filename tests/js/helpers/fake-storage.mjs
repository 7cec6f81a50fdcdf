// A chrome.storage area in memory whose get and set each take a macrotask, as
// the real one does, so read-modify-write races between callers show up.
export function fakeArea() {
  let data = {};
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const pick = (keys) => {
    if (keys === null || keys === undefined) return structuredClone(data);
    const list = Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
  };
  return {
    async get(keys) { await tick(); return pick(keys); },
    async set(values) { await tick(); data = { ...data, ...structuredClone(values) }; },
    async remove(keys) {
      await tick();
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
    dump: () => structuredClone(data),
  };
}

export function fakeChrome() {
  return { storage: { local: fakeArea(), session: fakeArea() } };
}
