// Inventory reservation benchmark: `npx tsx bench/inventory-bench.ts [--engine pglite|postgres] [--seconds 10] [--clients 32]`.
// Calls the reservation use case in process (no HTTP) with `clients` concurrent callers and reports
// reservations per second:
//  1. hot: every reservation takes 1 unit of the same SKU in one warehouse (the flash-sale case);
//  2. spread: each reservation takes 1 unit of a random SKU out of 10,000;
//  3. scarce: 2,000 attempts on a SKU with 500 units — exactly 500 must succeed.
// After each, the ledger check must find no mismatch (zero oversell: reserved ≤ on hand is also a
// CHECK of the table). Targets (issue 3, PostgreSQL on 2 cores): ≥ 1,500/s hot, ≥ 4,000/s spread.
// PostgreSQL uses a fresh database on BENCH_DATABASE_URL or TEST_DATABASE_URL, dropped afterwards.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ledgerMismatches, migrate, openDatabase, sql, type Database, type DB, type Kysely } from '../packages/db/src/index.ts';
import { createScratchDatabase } from '../packages/db/test/test-database.ts';
import { reserveStock } from '../packages/server/src/services/reservations.ts';
import type { Actor } from '../packages/server/src/services/result.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = (args.get('engine') ?? 'pglite') as 'pglite' | 'postgres';
const seconds = Number(args.get('seconds') ?? 10);
const clients = Number(args.get('clients') ?? 32);
const SPREAD_SKUS = 10_000;
const TENANT = 'tnt_bench';
const WAREHOUSE = 'whs_bench';
const actor: Actor = { tenantId: TENANT, actorType: 'system', actorId: null, userId: null, role: 'owner', requestId: null };

async function open(): Promise<{ database: Database; close: () => Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ engine: 'pglite', memory: true });
    return { database, close: () => database.close() };
  }
  process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL;
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: Math.min(clients, 32) });
  return { database, close: async () => (await database.close(), await scratch.drop()) };
}

/** SKUs `sku_bench…<from..to>` with `units` on hand each, and their receipt rows in the ledger. */
async function seed(db: Kysely<DB>, from: number, to: number, units: number): Promise<void> {
  await sql`insert into products (tenant_id, product_id, title, spec_dimensions)
    select ${TENANT}, 'prd_bench' || g, 'bench', '[]' from generate_series(${from}::int, ${to}::int) g`.execute(db);
  await sql`insert into skus (tenant_id, sku_id, product_id, code, spec_key, price_fen, cost_fen)
    select ${TENANT}, 'sku_bench' || g, 'prd_bench' || g, 'B' || g, '[]', 100, 50 from generate_series(${from}::int, ${to}::int) g`.execute(db);
  await sql`insert into stock_levels (tenant_id, warehouse_id, sku_id, on_hand)
    select ${TENANT}, ${WAREHOUSE}, 'sku_bench' || g, ${units}::int from generate_series(${from}::int, ${to}::int) g`.execute(db);
  await sql`insert into stock_movements (tenant_id, movement_id, warehouse_id, sku_id, kind, on_hand_delta, reserved_delta)
    select ${TENANT}, 'mov_bench' || g, ${WAREHOUSE}, 'sku_bench' || g, 'receipt', ${units}::int, 0 from generate_series(${from}::int, ${to}::int) g`.execute(db);
}

const TICK_MS = 1000 / 100; // USER_HZ, the unit of /proc/<pid>/stat's CPU times on Linux

/** CPU milliseconds used so far by this database's PostgreSQL backends (0 on PGlite, which runs in this process). */
async function backendCpuMs(db: Kysely<DB>): Promise<number> {
  if (engine !== 'postgres') return 0;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  let ms = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
    } catch {
      // not on Linux, or the backend is on another machine: CPU is then not reported
    }
  }
  return ms;
}

/**
 * Runs `clients` loops for `seconds`, each reserving 1 unit of `pick()`; returns successes per
 * second and the CPU each success cost (this process + the database's backends), the figure that
 * depends least on how busy the machine is: cores ÷ CPU per reservation is what idle cores could
 * do (one for PGlite, which runs in this thread; two for PostgreSQL).
 */
async function run(db: Kysely<DB>, label: string, pick: () => string): Promise<{ perSecond: number; ok: number; refused: number; cpuMsPerReservation: { total: number; node: number; database: number }; idleCeiling: number }> {
  const cpu0 = process.cpuUsage();
  const pg0 = await backendCpuMs(db);
  let ok = 0;
  let refused = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const r = await reserveStock(db, actor, { skuId: pick(), qty: 1, reference: `${label}-${++n}` });
        if (r.ok) ok++;
        else refused++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const node = process.cpuUsage(cpu0);
  const attempts = Math.max(1, ok + refused);
  const nodeMs = (node.user + node.system) / 1000 / attempts;
  const databaseMs = ((await backendCpuMs(db)) - pg0) / attempts;
  const perReservation = nodeMs + databaseMs;
  return {
    perSecond: Math.round(ok / elapsed),
    ok,
    refused,
    cpuMsPerReservation: { total: Number(perReservation.toFixed(3)), node: Number(nodeMs.toFixed(3)), database: Number(databaseMs.toFixed(3)) },
    // PGlite runs in this one thread; PostgreSQL's backends can use the second core
    idleCeiling: Math.round((engine === 'pglite' ? 1000 : 2000) / perReservation),
  };
}

async function main(): Promise<void> {
  const loadBefore = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const { database, close } = await open();
  const db = database.db;
  try {
    await migrate(database);
    await sql`insert into tenants (tenant_id, name) values (${TENANT}, 'bench')`.execute(db);
    await sql`insert into warehouses (tenant_id, warehouse_id, code, name, priority) values (${TENANT}, ${WAREHOUSE}, 'BENCH', 'bench', 1)`.execute(db);
    await seed(db, 0, 0, 100_000_000); // hot
    await seed(db, 1, SPREAD_SKUS, 100_000); // spread
    await seed(db, SPREAD_SKUS + 1, SPREAD_SKUS + 1, 500); // scarce
    const hot = await run(db, 'hot', () => 'sku_bench0');
    const spread = await run(db, 'spread', () => `sku_bench${1 + Math.floor(Math.random() * SPREAD_SKUS)}`);
    const scarceResults = await Promise.all(Array.from({ length: 2000 }, (_, i) => reserveStock(db, actor, { skuId: `sku_bench${SPREAD_SKUS + 1}`, qty: 1, reference: `scarce-${i}` })));
    const scarceOk = scarceResults.filter((r) => r.ok).length;
    const check = await ledgerMismatches(db, TENANT);
    const report = {
      engine,
      clients,
      seconds,
      hotPerSecond: hot.perSecond,
      spreadPerSecond: spread.perSecond,
      cpuMsPerReservation: { hot: hot.cpuMsPerReservation, spread: spread.cpuMsPerReservation },
      // what an otherwise idle machine could do at this CPU cost: 1 core for PGlite, 2 for PostgreSQL
      idleCeilingPerSecond: { hot: hot.idleCeiling, spread: spread.idleCeiling },
      machineLoadBefore: loadBefore,
      scarce: { attempts: 2000, units: 500, succeeded: scarceOk },
      ledgerLevelsChecked: check.checked,
      ledgerMismatches: check.mismatches.length,
      oversold: scarceOk !== 500 || check.mismatches.length > 0,
      targets: engine === 'postgres' ? { hotPerSecond: 1500, spreadPerSecond: 4000 } : null,
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(report, null, 2));
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/inventory-${engine}.json`, `${JSON.stringify(report, null, 2)}\n`);
    if (report.oversold) process.exitCode = 1;
  } finally {
    await close();
  }
}

await main();
