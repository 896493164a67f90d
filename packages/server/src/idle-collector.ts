import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives memory back when a server goes idle after load.
 *
 * Under load V8 grows the young generation up to twice the semi-space (128 MB for a worker's 64 MB,
 * see cluster.ts) and shrinks it again only in a collection that finds the allocation rate low or is
 * asked to reduce memory. A server answering requests promotes little, so no full collection follows
 * the load and its memory reducer never starts: measured, two workers idled at 310 MB after load
 * against 235–244 MB after start-up. So every `intervalMs` this looks at the process: when it was idle
 * for the whole interval (CPU under 1 % of it) and its young generation is larger than the smallest
 * it has been, it runs a full collection, which empties the young generation.
 *
 * V8 shrinks the emptied young generation only when it judges the allocation rate low, and it
 * judges from the collections' history, so the first collection after load may leave it as large;
 * measured, it was given back after one to three collections an interval apart (a test runs this
 * with a 2.5 s interval and a 64 MB semi-space). Hence up to MAX_IDLE_COLLECTIONS in one idle
 * stretch. A full collection of an idle worker's heap (about 30 MB live) takes on the order of
 * 10–30 ms, and none runs while requests arrive.
 */
export interface IdleCollector {
  stop(): void;
  /** Full collections run so far (for tests and logs). */
  readonly collections: number;
}

export const IDLE_CPU_SHARE = 0.01;
export const MAX_IDLE_COLLECTIONS = 5;

export interface IdleSample {
  /** CPU time (user + system) the process used during the interval, µs. */
  cpuMicros: number;
  intervalMs: number;
  /** Bytes the young generation has reserved now. */
  youngBytes: number;
  /** The least it has reserved at any reading so far: its size when nothing has grown it. */
  smallestYoungBytes: number;
  /** Idle collections run since the process was last busy. */
  collectionsSinceBusy: number;
}

/** Did the process use less than IDLE_CPU_SHARE of an interval? */
export function wasIdle(cpuMicros: number, intervalMs: number): boolean {
  return cpuMicros < intervalMs * 1000 * IDLE_CPU_SHARE;
}

/** Should this idle interval end with a full collection? Pure: the rule above. */
export function shouldCollect(s: IdleSample): boolean {
  if (!wasIdle(s.cpuMicros, s.intervalMs)) return false;
  if (s.collectionsSinceBusy >= MAX_IDLE_COLLECTIONS) return false;
  return s.youngBytes > s.smallestYoungBytes;
}

/** V8's full collection, without starting node with --expose-gc for every module to see. */
export function exposeGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export function youngGenerationBytes(): number {
  let bytes = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space') bytes += space.space_size;
  }
  return bytes;
}

export function startIdleCollector(intervalMs: number, onCollect?: (before: number, after: number) => void): IdleCollector {
  const gc = exposeGc();
  let lastCpu = process.cpuUsage();
  let smallestYoungBytes = youngGenerationBytes();
  let collectionsSinceBusy = 0;
  let collections = 0;
  const timer = setInterval(() => {
    const cpu = process.cpuUsage(lastCpu);
    const cpuMicros = cpu.user + cpu.system;
    const youngBytes = youngGenerationBytes();
    smallestYoungBytes = Math.min(smallestYoungBytes, youngBytes);
    if (!wasIdle(cpuMicros, intervalMs)) collectionsSinceBusy = 0;
    if (shouldCollect({ cpuMicros, intervalMs, youngBytes, smallestYoungBytes, collectionsSinceBusy })) {
      gc();
      collections++;
      collectionsSinceBusy++;
      const after = youngGenerationBytes();
      smallestYoungBytes = Math.min(smallestYoungBytes, after);
      onCollect?.(youngBytes, after);
    }
    // Measured after the collection, so its own CPU does not count as activity.
    lastCpu = process.cpuUsage();
  }, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    get collections() {
      return collections;
    },
  };
}
