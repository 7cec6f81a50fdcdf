// Runs read-modify-write steps on one stored object one after another. The
// service worker is a single instance, so a queue in memory is enough: two
// writers (a sync's updateKey and an import's saveKey) cannot both read the
// old object and the later write drop the earlier one's change.
export function writeQueue() {
  let tail = Promise.resolve();
  return (step) => {
    const run = tail.then(step);
    tail = run.catch(() => {});
    return run;
  };
}
