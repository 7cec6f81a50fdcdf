// The manifest asks for only what the extension uses and keeps a strict CSP.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));

function extensionSources(dir = path.join(root, 'extension')) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return extensionSources(p);
    return /\.(js|html)$/.test(name) ? [readFileSync(p, 'utf8')] : [];
  }).join('\n');
}

test('MV3 with a strict CSP that allows only wasm compilation', () => {
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.content_security_policy.extension_pages)
    .toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.web_accessible_resources).toBeUndefined();
  expect(manifest.content_scripts).toBeUndefined();
});

test('host permissions are exactly https exchange API hosts, nothing broad', () => {
  for (const host of manifest.host_permissions) {
    expect(host).toMatch(/^https:\/\/api\.[a-z]+\.com\/\*$/);
  }
  expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|\*:\/\/\*|https?:\/\/\*\//);
});

test('every permission is used by the extension code', () => {
  const code = extensionSources();
  for (const perm of manifest.permissions) {
    expect({ perm, used: code.includes(`chrome.${perm}`) }).toEqual({ perm, used: true });
  }
});

test('no remote scripts in any page', () => {
  const code = extensionSources();
  expect(code).not.toMatch(/<script[^>]+src=["']https?:/);
  expect(code).not.toMatch(/import\s[^;]*from\s+["']https?:/);
});

test('icons at the usual sizes and a version in step with package.json', () => {
  expect(Object.keys(manifest.icons).sort()).toEqual(['128', '16', '32', '48']);
  expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
});
