// The vault format through the wasm core, checked independently with node:crypto
// (scrypt, HKDF-SHA256, AES-256-GCM) against the format in wasm/README.md#vault:
//   key    = HKDF-SHA256(ikm = scrypt(passphrase UTF-8, salt, N, r, p, 32), salt = none,
//                        info = "keyfolio-vault v1 record key", 32)
//   check  = AES-256-GCM(key, nonce, aad = enc("keyfolio-vault-check", "1"), "keyfolio-vault-check v1")
//   record = AES-256-GCM(key, nonce, aad = enc("keyfolio-vault-record", "1", id, exchange), plaintext)
// where enc writes each field as a 4-byte big-endian length and its bytes.
// The primitives' own standard vectors against Crypto++ are in
// tests/native/vault_kat_test.cpp; here the same vectors first prove the
// node:crypto oracle right, then the oracle and the core must agree both ways.
import crypto from 'node:crypto';
import { loadCore, call } from './helpers/core.mjs';

let core;
beforeAll(async () => { core = await loadCore(); });

const FAST = { N: 1024 }; // the lowest N the decoder accepts; r=8, p=1 as in production
const hex = (s) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const b64 = (buf) => Buffer.from(buf).toString('base64');

function enc(...fields) {
  return Buffer.concat(fields.map((f) => {
    const bytes = Buffer.from(f, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    return Buffer.concat([len, bytes]);
  }));
}

// The vault key the way the format says, with node:crypto alone.
function deriveKey(passphrase, { N, r, p, salt }) {
  const master = crypto.scryptSync(Buffer.from(passphrase, 'utf8'), Buffer.from(salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r + 1024 });
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from('keyfolio-vault v1 record key'), 32));
}

function gcmSeal(key, nonce, aad, plaintext) {
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  return Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
}

function gcmOpen(key, nonce, aad, sealed) {
  const d = crypto.createDecipheriv('aes-256-gcm', key, nonce);
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

const recordAad = (id, exchange) => enc('keyfolio-vault-record', '1', id, exchange);
const checkAad = () => enc('keyfolio-vault-check', '1');

// A whole vault header made by node:crypto.
function nodeHeader(passphrase, { N = 1024, r = 8, p = 1, salt = crypto.randomBytes(16) } = {}) {
  const kdf = { name: 'scrypt', N, r, p, salt: b64(salt) };
  const key = deriveKey(passphrase, kdf);
  const nonce = crypto.randomBytes(12);
  const ct = gcmSeal(key, nonce, checkAad(), Buffer.from('keyfolio-vault-check v1'));
  return { header: { format: 'keyfolio-vault', v: 1, kdf, check: { nonce: b64(nonce), ct: b64(ct) } }, key };
}

function nodeRecord(key, id, exchange, plaintext, nonce = crypto.randomBytes(12)) {
  return { v: 1, id, exchange, nonce: b64(nonce), ct: b64(gcmSeal(key, nonce, recordAad(id, exchange), Buffer.from(plaintext, 'utf8'))) };
}

function ok(name, input) {
  const answer = call(core, name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.kind}: ${answer.error.message}`);
  return answer;
}

describe('the node:crypto oracle agrees with the standards', () => {
  test('scrypt: RFC 7914 section 12 vectors', () => {
    const scrypt = (pw, salt, N, r, p) => crypto.scryptSync(pw, salt, 64, { N, r, p, maxmem: 64 * 1024 * 1024 }).toString('hex');
    expect(scrypt('', '', 16, 1, 1)).toBe('77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442'
      + 'fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906');
    expect(scrypt('password', 'NaCl', 1024, 8, 16)).toBe('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162'
      + '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
    expect(scrypt('pleaseletmein', 'SodiumChloride', 16384, 8, 1)).toBe('7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2'
      + 'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887');
  });

  test('HKDF-SHA256: RFC 5869 test case 1', () => {
    const okm = crypto.hkdfSync('sha256', hex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'), hex('000102030405060708090a0b0c'),
      hex('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(Buffer.from(okm).toString('hex')).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  test('AES-256-GCM: the GCM specification test cases 14 and 16', () => {
    expect(gcmSeal(Buffer.alloc(32), Buffer.alloc(12), Buffer.alloc(0), Buffer.alloc(16)).toString('hex'))
      .toBe('cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919');
    const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const pt = hex(`d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72
      1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39`);
    const sealed = gcmSeal(key, hex('cafebabefacedbaddecaf888'), hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'), pt);
    expect(sealed.toString('hex')).toBe(`522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa
      8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662 76fc6ece0f4e1768cddf8853bb2d551b`.replace(/\s+/g, ''));
  });
});

describe('the core and node:crypto agree both ways', () => {
  test('known answer: a fixed salt and passphrase give the key computed independently (Python hashlib/hmac)', () => {
    const salt = hex('000102030405060708090a0b0c0d0e0f');
    const expected = '4b2aab5a301a1f69ada623efa4ebf9d3030b294f1597d8303479c5da0b44fe73';
    const { header, key } = nodeHeader('pässwörd-ünïcode', { salt });
    expect(key.toString('hex')).toBe(expected);
    expect(Buffer.from(ok('vaultUnlock', { header, passphrase: 'pässwörd-ünïcode' }).key, 'base64').toString('hex')).toBe(expected);
  });

  test('known answer: a record sealed with a fixed key and nonce opens in the core', () => {
    const key = hex('4b2aab5a301a1f69ada623efa4ebf9d3030b294f1597d8303479c5da0b44fe73');
    const record = nodeRecord(key, 'key-1', 'binance', '{"apiKey":"A","secret":"S"}', hex('000000000000000000000001'));
    // Pinned (ciphertext ‖ tag), so a change to the record layout (AAD, nonce use) shows up here too.
    expect(Buffer.from(record.ct, 'base64').toString('hex'))
      .toBe('c89c3d0031ccbf1265f8ce18bf7954657edb76724050da1a463c17c669eb24b30efb106e1dc511ca2bd064');
    expect(ok('vaultOpen', { key: b64(key), record }).plaintext).toBe('{"apiKey":"A","secret":"S"}');
  });

  test('a vault the core created opens with node:crypto alone: header check and records', () => {
    const passphrase = 'correct horse battery staple';
    const { header, key } = ok('vaultCreate', { passphrase, kdf: FAST });
    expect(header).toMatchObject({ format: 'keyfolio-vault', v: 1, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });
    expect(Buffer.from(header.kdf.salt, 'base64')).toHaveLength(16);
    const nodeKey = deriveKey(passphrase, header.kdf);
    expect(b64(nodeKey)).toBe(key);
    expect(gcmOpen(nodeKey, Buffer.from(header.check.nonce, 'base64'), checkAad(), Buffer.from(header.check.ct, 'base64')).toString())
      .toBe('keyfolio-vault-check v1');
    const plaintext = JSON.stringify({ apiKey: 'abc', secret: 'très secret 🔑' });
    const { record } = ok('vaultSeal', { key, id: 'k-42', exchange: 'kraken', plaintext });
    expect(record).toMatchObject({ v: 1, id: 'k-42', exchange: 'kraken' });
    expect(Buffer.from(record.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(record.ct, 'base64')).toHaveLength(Buffer.byteLength(plaintext) + 16);
    expect(gcmOpen(nodeKey, Buffer.from(record.nonce, 'base64'), recordAad('k-42', 'kraken'), Buffer.from(record.ct, 'base64')).toString())
      .toBe(plaintext);
    // Bound to id and exchange: the same bytes under another id's AAD do not open.
    expect(() => gcmOpen(nodeKey, Buffer.from(record.nonce, 'base64'), recordAad('k-43', 'kraken'), Buffer.from(record.ct, 'base64'))).toThrow();
  });

  test('a vault and records made by node:crypto open in the core, also as a backup file', () => {
    const passphrase = 'node made this vault';
    const { header, key } = nodeHeader(passphrase);
    const records = [nodeRecord(key, 'a', 'binance', 'secret A'), nodeRecord(key, 'b', 'coinbase', 'secret B ✓')];
    expect(ok('vaultUnlock', { header, passphrase }).key).toBe(b64(key));
    expect(ok('vaultOpenAll', { key: b64(key), records })).toMatchObject({
      opened: [{ id: 'a', exchange: 'binance', plaintext: 'secret A' }, { id: 'b', exchange: 'coinbase', plaintext: 'secret B ✓' }], failed: [],
    });
    const file = JSON.stringify({ format: 'keyfolio-vault-backup', v: 1, header, records });
    const imported = ok('vaultImport', { file, passphrase });
    expect(imported.key).toBe(b64(key));
    expect(imported.records.map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('round trips and refusals', () => {
  const PASSPHRASES = {
    ascii: 'correct horse battery staple',
    utf8: 'Grüße aus Zürich, ĳsbeer',
    emoji: '🔐🦊 vault 🌍🚀✨',
  };

  test.each(Object.entries(PASSPHRASES))('%s passphrase: create, seal, lock, unlock, open', (_, passphrase) => {
    const { header, key } = ok('vaultCreate', { passphrase, kdf: FAST });
    expect(b64(deriveKey(passphrase, header.kdf))).toBe(key);
    const { record } = ok('vaultSeal', { key, id: 'x', exchange: 'binance', plaintext: 'the secret' });
    const again = ok('vaultUnlock', { header, passphrase }).key;
    expect(again).toBe(key);
    expect(ok('vaultOpen', { key: again, record }).plaintext).toBe('the secret');
  });

  test('a wrong passphrase is a clear message; NFC and NFD spellings are different passphrases', () => {
    const nfc = 'Grüße aus Zürich'.normalize('NFC');
    const { header } = ok('vaultCreate', { passphrase: nfc, kdf: FAST });
    for (const wrong of ['Grüsse aus Zürich', nfc.normalize('NFD'), `${nfc} `, '']) {
      expect(call(core, 'vaultUnlock', { header, passphrase: wrong })).toEqual({
        ok: false, error: { kind: 'wrong_passphrase', message: 'Wrong passphrase. Nothing was changed.' },
      });
    }
  });

  test('a too-short new passphrase is refused with the reason (code points, not bytes)', () => {
    const answer = call(core, 'vaultCreate', { passphrase: '🔐🔐🔐🔐🔐', kdf: FAST }); // 20 bytes, 5 code points
    expect(answer.ok).toBe(false);
    expect(answer.error.message).toMatch(/at least 10/);
  });

  describe('tampering', () => {
    let key;
    let good;
    const PLAINTEXT = JSON.stringify({ apiKey: 'key-123', secret: 'a fairly long secret value for many bytes' });
    beforeAll(() => {
      ({ key } = ok('vaultCreate', { passphrase: PASSPHRASES.ascii, kdf: FAST }));
      good = ['one', 'two', 'three'].map((id) => ok('vaultSeal', { key, id, exchange: 'kraken', plaintext: `${PLAINTEXT}-${id}` }).record);
    });

    function refusedAmongGood(bad) {
      const out = ok('vaultOpenAll', { key, records: [good[0], bad, good[2]] });
      return { opened: out.opened.map((o) => o.id), failed: out.failed.map((f) => [f.index, f.kind]) };
    }

    test('every byte of nonce and ciphertext flipped once: refused, the others still open', () => {
      const bytes = Buffer.concat([Buffer.from(good[1].nonce, 'base64'), Buffer.from(good[1].ct, 'base64')]);
      expect(bytes.length).toBeGreaterThan(60);
      for (let i = 0; i < bytes.length; i++) {
        for (const mask of [0x01, 0x80]) {
          const flipped = Buffer.from(bytes);
          flipped[i] ^= mask;
          const bad = { ...good[1], nonce: b64(flipped.subarray(0, 12)), ct: b64(flipped.subarray(12)) };
          expect({ i, mask, ...refusedAmongGood(bad) }).toEqual({ i, mask, opened: ['one', 'three'], failed: [[1, 'crypto']] });
        }
      }
      expect(refusedAmongGood(good[1]).failed).toEqual([]); // the untouched record does open
    });

    test('every byte of the id and exchange flipped once: refused (they are bound in)', () => {
      for (const field of ['id', 'exchange']) {
        const text = Buffer.from(good[1][field]);
        for (let i = 0; i < text.length; i++) {
          const flipped = Buffer.from(text);
          flipped[i] ^= 0x01;
          const bad = { ...good[1], [field]: flipped.toString('latin1') };
          expect({ field, i, ...refusedAmongGood(bad) }).toEqual({ field, i, opened: ['one', 'three'], failed: [[1, 'crypto']] });
        }
      }
    });

    test('a record moved between vaults does not open', () => {
      const other = ok('vaultCreate', { passphrase: PASSPHRASES.ascii, kdf: FAST });
      const answer = call(core, 'vaultOpen', { key: other.key, record: good[1] });
      expect(answer.error.kind).toBe('crypto');
      expect(answer.error.message).toMatch(/record 'two' failed authentication/);
    });

    test('truncated records: every shorter ciphertext, a short nonce and missing fields are refused', () => {
      const ct = Buffer.from(good[1].ct, 'base64');
      for (let n = 0; n < ct.length; n++) {
        const answer = call(core, 'vaultOpen', { key, record: { ...good[1], ct: b64(ct.subarray(0, n)) } });
        expect({ n, ok: answer.ok, kind: answer.error?.kind }).toEqual({ n, ok: false, kind: 'crypto' });
      }
      const nonce = Buffer.from(good[1].nonce, 'base64');
      expect(call(core, 'vaultOpen', { key, record: { ...good[1], nonce: b64(nonce.subarray(0, 11)) } }).ok).toBe(false);
      for (const field of ['v', 'id', 'exchange', 'nonce', 'ct']) {
        const { [field]: _, ...rest } = good[1];
        const answer = call(core, 'vaultOpen', { key, record: rest });
        expect({ field, ok: answer.ok }).toEqual({ field, ok: false });
        expect(['invalid_input', 'crypto']).toContain(answer.error.kind);
      }
      // A stored record cut off mid-text is not JSON at all: a clear error, no crash.
      const text = JSON.stringify({ key, record: good[1] });
      for (const cut of [1, 10, text.length / 2, text.length - 1]) {
        const answer = call(core, 'vaultOpen', text.slice(0, Math.floor(cut)));
        expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
      }
    });
  });

  describe('versions', () => {
    const passphrase = PASSPHRASES.ascii;
    let header;
    let key;
    let record;
    beforeAll(() => {
      ({ header, key } = ok('vaultCreate', { passphrase, kdf: FAST }));
      ({ record } = ok('vaultSeal', { key, id: 'r', exchange: 'binance', plaintext: 'x' }));
    });

    test.each([[0, /never wrote/], [2, /newer Keyfolio/], [99999999999, /newer Keyfolio/], [-1, /never wrote/]])(
      'record v=%p is unsupported with the reason', (v, reason) => {
        const answer = call(core, 'vaultOpen', { key, record: { ...record, v } });
        expect(answer.error.kind).toBe('unsupported');
        expect(answer.error.message).toMatch(reason);
      });

    test.each([[0, /never wrote/], [2, /newer Keyfolio/]])('header v=%p is unsupported with the reason', (v, reason) => {
      const answer = call(core, 'vaultUnlock', { header: { ...header, v }, passphrase });
      expect(answer.error).toMatchObject({ kind: 'unsupported' });
      expect(answer.error.message).toMatch(reason);
    });

    test.each([[0, /never wrote/], [2, /newer Keyfolio/]])('backup v=%p is unsupported with the reason', (v, reason) => {
      const file = JSON.stringify({ ...JSON.parse(ok('vaultExport', { header, records: [record] }).file), v });
      const answer = call(core, 'vaultImport', { file, passphrase });
      expect(answer.error).toMatchObject({ kind: 'unsupported' });
      expect(answer.error.message).toMatch(reason);
    });

    test('a missing or non-integer version is invalid input', () => {
      const { v: _, ...noV } = record;
      expect(call(core, 'vaultOpen', { key, record: noV }).error.kind).toBe('invalid_input');
      expect(call(core, 'vaultOpen', { key, record: { ...record, v: '1' } }).error.kind).toBe('invalid_input');
    });

    test('KDF parameters come from the header: an older, weaker vault still opens, hostile ones are refused fast', () => {
      // An "older" vault with N=2^11, r=4 made by node:crypto opens with the parameters it carries.
      const older = nodeHeader(passphrase, { N: 2048, r: 4, p: 2 });
      expect(ok('vaultUnlock', { header: older.header, passphrase }).key).toBe(b64(older.key));
      for (const kdf of [{ N: 512 }, { N: 3000 }, { N: 2 ** 23 }, { r: 0 }, { r: 64 }, { p: 17 }, { N: 2 ** 22, r: 8 }]) {
        const hostile = { ...header, kdf: { ...header.kdf, ...kdf } };
        const t0 = Date.now();
        const answer = call(core, 'vaultUnlock', { header: hostile, passphrase });
        expect({ kdf, ok: answer.ok, kind: answer.error?.kind }).toEqual({ kdf, ok: false, kind: 'invalid_input' });
        expect(Date.now() - t0).toBeLessThan(1000);
      }
      const shortSalt = { ...header, kdf: { ...header.kdf, salt: b64(Buffer.alloc(8)) } };
      expect(call(core, 'vaultUnlock', { header: shortSalt, passphrase }).error.kind).toBe('invalid_input');
    });
  });
});
