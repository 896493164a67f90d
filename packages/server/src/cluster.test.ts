import { describe, expect, it } from 'vitest';
import { isNodeFlagGiven, workerEnv, workerExecArgv } from './cluster.ts';

describe('workerExecArgv', () => {
  it('adds the configured young-generation size to the primary’s own flags', () => {
    expect(workerExecArgv({ workerSemiSpaceMb: 64 }, ['--enable-source-maps'], undefined)).toEqual(['--enable-source-maps', '--max-semi-space-size=64']);
  });

  it('leaves V8’s default when the size is 0', () => {
    expect(workerExecArgv({ workerSemiSpaceMb: 0 }, [], '')).toEqual([]);
  });

  it.each([
    [['--max-semi-space-size=32'], undefined],
    [['--max_semi_space_size', '32'], undefined],
    [[], '--max-old-space-size=512 --max-semi-space-size=8'],
  ])('keeps a size given to node (%j, NODE_OPTIONS %j)', (execArgv, nodeOptions) => {
    expect(workerExecArgv({ workerSemiSpaceMb: 64 }, execArgv, nodeOptions)).toEqual(execArgv);
  });
});

describe('workerEnv', () => {
  it('marks the worker and fixes malloc’s mmap threshold', () => {
    expect(workerEnv({})).toEqual({ YUNYING_CLUSTER_WORKER: '1', MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it('leaves a threshold the operator set', () => {
    expect(workerEnv({ MALLOC_MMAP_THRESHOLD_: '65536' })).toEqual({ YUNYING_CLUSTER_WORKER: '1' });
  });
});

describe('isNodeFlagGiven', () => {
  it.each([
    [['--wasm-num-compilation-tasks=4'], undefined, true],
    [['--wasm_num_compilation_tasks', '4'], undefined, true],
    [[], '--inspect --wasm-num-compilation-tasks=2', true],
    [['--wasm-num-compilation-tasks-extra=1'], undefined, false],
    [['--enable-source-maps'], '', false],
  ])('%j with NODE_OPTIONS %j → %s', (execArgv, nodeOptions, expected) => {
    expect(isNodeFlagGiven('wasm-num-compilation-tasks', execArgv, nodeOptions)).toBe(expected);
  });
});
