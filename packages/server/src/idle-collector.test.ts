import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_IDLE_COLLECTIONS, shouldCollect, type IdleSample } from './idle-collector.ts';

const MB = 1_048_576;
const idleGrown: IdleSample = { cpuMicros: 2_000, intervalMs: 10_000, youngBytes: 64 * MB, smallestYoungBytes: MB, collectionsSinceBusy: 0 };

describe('shouldCollect', () => {
  it('collects when an idle interval finds the young generation grown', () => {
    expect(shouldCollect(idleGrown)).toBe(true);
  });

  it.each([
    ['the process worked for 1 % of the interval', { cpuMicros: 100_000 }],
    ['the young generation is at its smallest', { youngBytes: MB }],
    [`${MAX_IDLE_COLLECTIONS} collections already ran since the last work`, { collectionsSinceBusy: MAX_IDLE_COLLECTIONS }],
  ])('does not when %s', (_, change: Partial<IdleSample>) => {
    expect(shouldCollect({ ...idleGrown, ...change })).toBe(false);
  });
});

// In its own node, as a server runs: with a 64 MB semi-space as the workers have, a burst of
// short-lived objects grows the young generation; it must stay grown while work goes on and be
// given back once the process idles.
const script = `
import { startIdleCollector, youngGenerationBytes } from ${JSON.stringify(fileURLToPath(new URL('./idle-collector.ts', import.meta.url)))};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const collector = startIdleCollector(2_500);
const atStart = youngGenerationBytes();
let keep = [];
const busyUntil = Date.now() + 1_000;
while (Date.now() < busyUntil) {
  for (let i = 0; i < 2_000; i++) keep.push({ i, text: 'row ' + i, cells: [i, i + 1] });
  if (keep.length > 50_000) keep = [];
  await new Promise((r) => setImmediate(r)); // timers run, as between requests
}
const grown = youngGenerationBytes();
const whileBusy = collector.collections;
keep = [];
const idleUntil = Date.now() + 25_000;
while (youngGenerationBytes() > atStart && Date.now() < idleUntil) await sleep(250);
console.log(JSON.stringify({ atStart, grown, whileBusy, collections: collector.collections, idle: youngGenerationBytes() }));
collector.stop();
`;

describe('startIdleCollector', () => {
  it('gives the grown young generation back once the process is idle, never while it works', { timeout: 40_000 }, () => {
    const out = execFileSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const r = JSON.parse(out) as { atStart: number; grown: number; whileBusy: number; collections: number; idle: number };
    expect(r.grown).toBeGreaterThan(r.atStart);
    expect(r.whileBusy).toBe(0);
    expect(r.collections).toBeGreaterThanOrEqual(1);
    expect(r.idle).toBeLessThanOrEqual(r.atStart);
  });
});
