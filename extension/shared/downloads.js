// Exports: the service worker has the core write the file ({filename, mimeType,
// content}); the page saves it with chrome.downloads from a blob URL (service
// workers have no URL.createObjectURL, so the download starts here).
import { send } from './messaging.js';

export const EXPORTS = [
  { kind: 'balances_csv', label: 'Balances CSV' },
  { kind: 'balances_json', label: 'Balances JSON' },
  { kind: 'history_csv', label: 'Full history CSV' },
  { kind: 'history_json', label: 'Full history JSON' },
  { kind: 'form8949_csv', label: 'Form 8949 CSV', needsYear: true },
  { kind: 'koinly_csv', label: 'Koinly CSV' },
  { kind: 'cointracker_csv', label: 'CoinTracker CSV' },
];

export async function saveFile({ filename, mimeType, content }) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  try {
    return await chrome.downloads.download({ url, filename, saveAs: false, conflictAction: 'uniquify' });
  } finally {
    // The download has read the blob once it started; keep it a little longer anyway.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export async function exportAndDownload(kind, payload = {}) {
  const file = await send('exportReport', { kind, ...payload });
  const downloadId = await saveFile(file);
  return { filename: file.filename, downloadId };
}
