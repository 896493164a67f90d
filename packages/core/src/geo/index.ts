// The geo module's only door: provinces of China and distances between points.
export { PROVINCES, resolveProvince, type Province } from './provinces.ts';
export { distanceKm, type GeoPoint } from './distance.ts';
