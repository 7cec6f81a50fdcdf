// Assembles the unpacked extension (dist/chrome) from manifest.json, extension/,
// the wasm core and the few production npm modules, then zips it.
import { cpSync, mkdirSync, rmSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'chrome');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// Production modules copied as-is (ES module builds only; no bundler).
const VENDOR = [{ from: 'idb/build/index.js', to: 'vendor/idb.js' }];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(path.join(root, 'extension'), out, { recursive: true });
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
if (manifest.version !== pkg.version) {
  throw new Error(`manifest.json version ${manifest.version} != package.json ${pkg.version}`);
}
writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
mkdirSync(path.join(out, 'core'));
for (const f of ['core.mjs', 'core.wasm']) {
  const src = path.join(root, 'build', 'wasm', f);
  if (!existsSync(src)) throw new Error(`missing ${src}: run scripts/build`);
  cpSync(src, path.join(out, 'core', f));
}
for (const { from, to } of VENDOR) {
  mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
  cpSync(path.join(root, 'node_modules', from), path.join(out, to));
}
const zip = path.join(dist, `keyfolio-${pkg.version}-chrome.zip`);
rmSync(zip, { force: true });
execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: out });
console.log(`extension: ${path.relative(root, out)}/  zip: ${path.relative(root, zip)}`);
