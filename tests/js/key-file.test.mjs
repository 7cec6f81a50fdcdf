import { parseKeyFile, parseCsv, KeyFileError } from '../../extension/options/key-file.js';

test('CSV per RFC 4180: quoted commas, doubled quotes and line breaks', () => {
  expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\n')).toEqual([['a', 'b'], ['x,1', 'say "hi"\nthere']]);
  expect(() => parseCsv('a,"open')).toThrow(KeyFileError);
});

test('CSV with one key per row', () => {
  const keys = parseKeyFile('exchange,label,apiKey,secret\nbinance,Main,AK1,SK1\nkraken,"Trading, old",AK2,SK2\n');
  expect(keys).toEqual([
    { exchange: 'binance', label: 'Main', credentials: { apiKey: 'AK1', secret: 'SK1', passphrase: '', keyType: '' } },
    { exchange: 'kraken', label: 'Trading, old', credentials: { apiKey: 'AK2', secret: 'SK2', passphrase: '', keyType: '' } },
  ]);
});

test("Coinbase's downloaded key file and JSON arrays", () => {
  const pem = '-----BEGIN EC PRIVATE KEY-----\nMHc...\n-----END EC PRIVATE KEY-----\n';
  const [k] = parseKeyFile(JSON.stringify({ name: 'organizations/o/apiKeys/k', privateKey: pem }), { defaultExchange: 'coinbase' });
  expect(k).toEqual({ exchange: 'coinbase', label: '', credentials: { apiKey: 'organizations/o/apiKeys/k', secret: pem, passphrase: '', keyType: '' } });
  expect(parseKeyFile('[{"exchange":"Binance","apiKey":"a","secret":"b","keyType":"ed25519"}]')[0].credentials.keyType).toBe('ed25519');
});

test('clear errors for files that are not key files', () => {
  expect(() => parseKeyFile('{bad json')).toThrow('not valid JSON');
  expect(() => parseKeyFile('label,key\nx,y')).toThrow('"apiKey" column');
  expect(() => parseKeyFile('[{"apiKey":"a"}]', { defaultExchange: 'binance' })).toThrow('entry 1: needs an API key and a secret');
  expect(() => parseKeyFile('{"apiKey":"a","secret":"b"}')).toThrow('no exchange');
});
