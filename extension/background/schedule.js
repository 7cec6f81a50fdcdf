// Alarms: periodic refresh, auto-lock, daily permission re-checks and rotation reminders.
import { getSettings } from './settings.js';
import { autoLockIfIdle } from './vault-session.js';
import { syncNow } from './sync.js';
import { listKeys, keysDueForRotation, recheckAllPermissions } from './keys.js';
import { getLocal, setLocal } from './storage.js';

export async function scheduleAlarms() {
  const { refreshMinutes } = await getSettings();
  await chrome.alarms.create('refresh', { periodInMinutes: refreshMinutes, delayInMinutes: refreshMinutes });
  await chrome.alarms.create('housekeeping', { periodInMinutes: 1 });
}

// Reminds once a day per key that is older than the rotation period.
export async function checkRotation(now = Date.now()) {
  const { rotationDays } = await getSettings();
  const keys = await listKeys();
  const due = keysDueForRotation(keys, rotationDays, now);
  // Only keys still connected keep an entry.
  const stored = await getLocal('rotationReminded', {});
  const reminded = Object.fromEntries(keys.filter((k) => k.id in stored).map((k) => [k.id, stored[k.id]]));
  for (const k of due) {
    if (now - (reminded[k.id] ?? 0) < 86_400_000) continue;
    reminded[k.id] = now;
    await chrome.notifications.create(`rotate-${k.id}`, {
      type: 'basic', iconUrl: '../icons/icon-128.png', title: 'Time to rotate an API key',
      message: `Your ${k.label} is older than ${rotationDays} days. Create a new read-only key, import it, then delete the old one on the exchange.`,
    });
  }
  await setLocal({ rotationReminded: reminded });
  return due;
}

export async function onAlarm(alarm) {
  if (alarm.name === 'refresh') {
    await syncNow('schedule');
  } else if (alarm.name === 'housekeeping') {
    await autoLockIfIdle();
    const { permissionCheckHours } = await getSettings();
    const last = await getLocal('permissionsCheckedMs', 0);
    if (Date.now() - last >= permissionCheckHours * 3_600_000) {
      const { locked } = await recheckAllPermissions();
      if (!locked) await setLocal({ permissionsCheckedMs: Date.now() });
    }
    const lastRotation = await getLocal('rotationCheckedMs', 0);
    if (Date.now() - lastRotation >= 3_600_000) {
      await checkRotation();
      await setLocal({ rotationCheckedMs: Date.now() });
    }
  }
}
