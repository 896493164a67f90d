// The nearest-warehouse strategy: warehouses ranked by great-circle distance from the destination
// to the warehouse's location (its own coordinates, else the capital of the province its region
// names). Warehouses whose location is unknown come after every located one; ties (same distance,
// or both unknown) fall back to priority, then id — so the order is total and deterministic.
import { distanceKm, resolveProvince, type GeoPoint } from '../geo/index.ts';
import { byPriority, type WarehouseStock } from './allocate-stock.ts';

export interface LocatedWarehouse extends WarehouseStock {
  /** Free-text region of the warehouse (a province name or GB/T 2260 code), '' when not set. */
  region: string;
  latitude: number | null;
  longitude: number | null;
}

/** Where a warehouse is: its own coordinates when both are set, else its region's province capital. */
export function warehouseLocation(w: Pick<LocatedWarehouse, 'region' | 'latitude' | 'longitude'>): GeoPoint | undefined {
  if (w.latitude !== null && w.longitude !== null) return { lat: w.latitude, lng: w.longitude };
  return w.region ? resolveProvince(w.region) : undefined;
}

/** A comparator for allocateStock that puts the warehouses nearest to `destination` first. */
export function byDistanceFrom<W extends LocatedWarehouse>(destination: GeoPoint): (a: W, b: W) => number {
  const cache = new Map<string, number>();
  const distance = (w: W): number => {
    let d = cache.get(w.warehouseId);
    if (d === undefined) {
      const at = warehouseLocation(w);
      d = at ? distanceKm(destination, at) : Number.POSITIVE_INFINITY;
      cache.set(w.warehouseId, d);
    }
    return d;
  };
  return (a, b) => {
    const da = distance(a);
    const db = distance(b);
    return da === db ? byPriority(a, b) : da < db ? -1 : 1;
  };
}
