// Reads keys from a file the person picked: JSON (one object, an array, or
// Coinbase's downloaded cdp_api_key.json {name, privateKey}) or CSV with a
// header row and one key per row (exchange,label,apiKey,secret[,passphrase,keyType]).
const FIELDS = ['exchange', 'label', 'apiKey', 'secret', 'passphrase', 'keyType'];

export class KeyFileError extends Error {}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new KeyFileError('CSV ends inside a quoted field');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function normalize(entry, defaultExchange, where) {
  if (!entry || typeof entry !== 'object') throw new KeyFileError(`${where}: not an object`);
  // Coinbase CDP key file: {"name": "organizations/…/apiKeys/…", "privateKey": "-----BEGIN EC PRIVATE KEY-----…"}
  const apiKey = entry.apiKey ?? entry.key ?? entry.name;
  const secret = entry.secret ?? entry.privateKey ?? entry.apiSecret;
  const exchange = String(entry.exchange ?? defaultExchange ?? '').toLowerCase().trim();
  if (!exchange) throw new KeyFileError(`${where}: no exchange named`);
  if (!apiKey || !secret) throw new KeyFileError(`${where}: needs an API key and a secret`);
  return {
    exchange, label: entry.label ?? '',
    credentials: { apiKey: String(apiKey), secret: String(secret), passphrase: String(entry.passphrase ?? ''), keyType: String(entry.keyType ?? '') },
  };
}

export function parseKeyFile(text, { defaultExchange, fileName = '' } = {}) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data;
    try { data = JSON.parse(trimmed); } catch { throw new KeyFileError('the file is not valid JSON'); }
    const list = Array.isArray(data) ? data : [data];
    if (!list.length) throw new KeyFileError('the file holds no keys');
    return list.map((e, i) => normalize(e, defaultExchange, `entry ${i + 1}`));
  }
  const rows = parseCsv(trimmed);
  if (rows.length < 2) throw new KeyFileError(`${fileName || 'the file'}: expected a header row and at least one key`);
  const header = rows[0].map((h) => h.trim());
  for (const required of ['apiKey', 'secret']) {
    if (!header.includes(required)) throw new KeyFileError(`CSV header needs a "${required}" column (columns: ${FIELDS.join(', ')})`);
  }
  return rows.slice(1).map((r, i) => normalize(Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])), defaultExchange, `row ${i + 2}`));
}
