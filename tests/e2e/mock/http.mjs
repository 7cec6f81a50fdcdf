// Small response and parsing helpers shared by the exchange handlers.

// A handler's answer; `verdict` is what the request log records ("ok" or why not).
export function reply(status, body, headers = {}, verdict = status < 400 ? 'ok' : `http ${status}`) {
  return { status, body, headers, verdict };
}

export function json(status, value, headers = {}, verdict) {
  return reply(status, JSON.stringify(value), { 'content-type': 'application/json;charset=UTF-8', ...headers }, verdict);
}

export function text(status, body, headers = {}, verdict) {
  return reply(status, body, { 'content-type': 'text/plain; charset=utf-8', ...headers }, verdict);
}

// application/x-www-form-urlencoded into [[name, value], ...], keeping order and
// duplicates. Throws on malformed percent-encoding.
export function parseForm(raw) {
  if (!raw) return [];
  return raw.split('&').filter((s) => s !== '').map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const decode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
    return [decode(name), decode(value)];
  });
}

export function firstParam(pairs, name) {
  const hit = pairs.find(([k]) => k === name);
  return hit ? hit[1] : undefined;
}

export function allParams(pairs, name) {
  return pairs.filter(([k]) => k === name).map(([, v]) => v);
}

// Strict integer parameter: undefined when absent, NaN when malformed.
export function intParam(value) {
  if (value === undefined) return undefined;
  return /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
}

// Strict standard base64 (with padding); Buffer.from() alone would skip junk.
export function strictBase64(s) {
  if (typeof s !== 'string' || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  return Buffer.from(s, 'base64');
}

export function strictBase64Url(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s)) return null;
  return Buffer.from(s, 'base64url');
}
