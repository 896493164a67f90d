// The inventory module's only door: allocation of reservation lines to warehouses, stock insights.
export { allocateStock, byPriority, type Allocation, type AllocationResult, type WarehouseStock } from './allocate-stock.ts';
export { byDistanceFrom, warehouseLocation, type LocatedWarehouse } from './rank-warehouses.ts';
export {
  classifyAbc,
  computeStockInsights,
  reorderQuantity,
  type AbcClass,
  type DailySale,
  type InsightSku,
  type InsightsInput,
  type InsightsSummary,
  type SkuInsight,
} from './stock-insights.ts';
