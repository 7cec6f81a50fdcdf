// Performs a request the core built. Knows nothing of any exchange: method, URL,
// headers and body come from the core; the raw answer goes back to it.
// The timeout stays well under the 30 s after which Chrome ends a service worker's fetch.
export const REQUEST_TIMEOUT_MS = 20_000;
// Larger bodies are cut off rather than held in memory and reported as unreadable
// (kind malformed: asking again would only download them again).
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

class TooLarge extends Error {}

export async function performRequest(request, { timeoutMs = REQUEST_TIMEOUT_MS, fetchImpl = fetch } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ? request.body : undefined,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    const headers = {};
    response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
    const body = await readLimited(response, MAX_BODY_BYTES);
    return { status: response.status, headers, body };
  } catch (err) {
    const host = new URL(request.url).host;
    if (err instanceof TooLarge) {
      return { networkError: { kind: 'malformed', message: `${host} sent an answer larger than ${err.message}; it was not read` } };
    }
    if (err?.name === 'AbortError') {
      // timedOut: the request already waited the whole timeout, so it is not retried at once.
      return { networkError: { kind: 'unavailable', timedOut: true, message: `${host} sent no answer within ${Math.round(timeoutMs / 1000)} s` } };
    }
    return { networkError: { kind: 'unavailable', message: `could not reach ${host}: ${err?.message ?? err}` } };
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(response, limit) {
  if (!response.body) return await response.text();
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge(`${limit / (1024 * 1024)} MB`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return new TextDecoder().decode(bytes);
}
