// Pages talk to the service worker through one call: send(type, payload).
export class RequestError extends Error {
  constructor(error) {
    super(error?.message ?? 'request failed');
    this.kind = error?.kind ?? 'internal';
  }
}

export async function send(type, payload = {}) {
  const answer = await chrome.runtime.sendMessage({ type, payload });
  if (!answer) throw new RequestError({ kind: 'internal', message: 'no answer from the background' });
  if (!answer.ok) throw new RequestError(answer.error);
  return answer.result;
}
