// Which warehouses a reservation line takes its stock from. The default strategy is warehouse
// priority (lower first, then id); the nearest strategy ranks warehouses by distance to the
// destination (see rank-warehouses.ts). A line is split across warehouses when no single one has
// enough. Each warehouse is judged on its own available stock, never on an aggregate: a split
// never takes more from a warehouse than that warehouse has.

export interface WarehouseStock {
  warehouseId: string;
  priority: number;
  /** on hand − reserved in this warehouse, ≥ 0. */
  available: number;
}

export interface Allocation {
  warehouseId: string;
  qty: number;
}

export type AllocationResult = { ok: true; allocations: Allocation[] } | { ok: false; requested: number; available: number };

/** Orders warehouses for the default strategy: priority ascending, then id. */
export function byPriority(a: WarehouseStock, b: WarehouseStock): number {
  return a.priority - b.priority || (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0);
}

/**
 * Allocates `qty` units: the whole line from the first warehouse (in `order`, by default priority)
 * that can cover it alone, else greedily across warehouses in that order. Fails, allocating
 * nothing, when all warehouses together hold less than `qty`. Contract: qty is a positive integer.
 */
export function allocateStock<W extends WarehouseStock>(stock: readonly W[], qty: number, order: (a: W, b: W) => number = byPriority): AllocationResult {
  const ordered = stock.filter((s) => s.available > 0).sort(order);
  const total = ordered.reduce((sum, s) => sum + s.available, 0);
  if (total < qty) return { ok: false, requested: qty, available: total };
  const single = ordered.find((s) => s.available >= qty);
  if (single) return { ok: true, allocations: [{ warehouseId: single.warehouseId, qty }] };
  const allocations: Allocation[] = [];
  let remaining = qty;
  for (const s of ordered) {
    if (remaining === 0) break;
    const take = Math.min(remaining, s.available);
    allocations.push({ warehouseId: s.warehouseId, qty: take });
    remaining -= take;
  }
  return { ok: true, allocations };
}
