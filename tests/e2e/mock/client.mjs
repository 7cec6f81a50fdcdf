// A tiny HTTPS client for talking to the mock from Node (tests): sets the Host
// header the way Chromium's host-resolver mapping would, accepts the
// self-signed certificate.
import { request } from 'node:https';

export function mockRequest(mock, { host, method = 'GET', path, headers = {}, body = '', timeoutMs = 10_000 }) {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: mock.port, method, path, servername: host, rejectUnauthorized: false,
      headers: { host, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}), ...headers },
      agent: false,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
