// The part of the `idb` wrapper (extension/vendor/idb.js) that history-db.js
// uses, over Maps in memory: object stores with a keyPath, indexes, key ranges,
// cursors that can delete. Enough to test what history-db.js stores and removes.
export class FakeKeyRange {
  constructor(lower, upper) { Object.assign(this, { lower, upper }); }
  static bound(lower, upper) { return new FakeKeyRange(lower, upper); }
  includes(key) { return key >= this.lower && key <= this.upper; }
}

const matches = (query, key) => (query instanceof FakeKeyRange ? query.includes(key) : query === undefined || query === key);

function cursorOver(map, keys) {
  const at = (i) => (i < keys.length ? {
    value: structuredClone(map.get(keys[i])),
    delete: async () => { map.delete(keys[i]); },
    continue: async () => at(i + 1),
  } : null);
  return at(0);
}

function fakeStore(map, keyPath, indexes) {
  const sorted = () => [...map.keys()].sort();
  return {
    createIndex: (name, path) => { indexes.set(name, path); },
    get: async (key) => structuredClone(map.get(key)),
    put: async (value) => { map.set(value[keyPath], structuredClone(value)); },
    delete: async (query) => { for (const k of sorted()) if (matches(query, k)) map.delete(k); },
    getAll: async (query) => sorted().filter((k) => matches(query, k)).map((k) => structuredClone(map.get(k))),
    getAllKeys: async () => sorted(),
    count: async () => map.size,
    openCursor: async (query) => cursorOver(map, sorted().filter((k) => matches(query, k))),
    index: (name) => {
      const byIndex = (value) => sorted().filter((k) => matches(value, map.get(k)[indexes.get(name)]));
      return {
        getAll: async (value) => byIndex(value).map((k) => structuredClone(map.get(k))),
        openCursor: async (value) => cursorOver(map, byIndex(value)),
      };
    },
  };
}

export function fakeIdb() {
  const stores = new Map(); // name -> { map, keyPath, indexes }
  const store = (name) => { const s = stores.get(name); return fakeStore(s.map, s.keyPath, s.indexes); };
  const db = {
    createObjectStore: (name, { keyPath }) => { stores.set(name, { map: new Map(), keyPath, indexes: new Map() }); return store(name); },
    transaction: (names) => {
      const list = Array.isArray(names) ? names : [names];
      return { objectStore: store, store: store(list[0]), done: Promise.resolve() };
    },
    get: (name, key) => store(name).get(key),
    delete: (name, query) => store(name).delete(query),
    getAll: (name, query) => store(name).getAll(query),
    getAllFromIndex: (name, index, value) => store(name).index(index).getAll(value),
    count: (name) => store(name).count(),
  };
  let upgraded = false;
  return {
    openDB: async (name, version, { upgrade } = {}) => {
      if (!upgraded) { upgrade?.(db); upgraded = true; }
      return db;
    },
    dump: (name) => [...stores.get(name).map.keys()].sort(),
  };
}
