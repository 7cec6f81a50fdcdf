// The manifest's host permissions are exactly the hosts the core's exchange
// modules talk to: nothing broader, nothing missing.
import { readFileSync } from 'node:fs';
import { loadCore, call } from './helpers/core.mjs';

test('host_permissions == every host of every exchange module', async () => {
  const core = await loadCore();
  const hosts = call(core, 'exchanges').exchanges.flatMap((e) => e.hosts);
  const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
  expect([...new Set(hosts.map((h) => `https://${h}/*`))].sort()).toEqual([...manifest.host_permissions].sort());
});
