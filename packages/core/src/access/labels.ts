import type { Permission, Role } from './permissions.ts';

/** Role names as operators say them, for the console and the API docs. */
export const ROLE_LABELS: Readonly<Record<Role, { 'zh-CN': string; 'en-US': string }>> = {
  owner: { 'zh-CN': '店主', 'en-US': 'Owner' },
  admin: { 'zh-CN': '管理员', 'en-US': 'Administrator' },
  ops_director: { 'zh-CN': '运营总监', 'en-US': 'Operations director' },
  merchandiser: { 'zh-CN': '商品运营', 'en-US': 'Merchandiser' },
  campaign_manager: { 'zh-CN': '活动运营', 'en-US': 'Campaign manager' },
  crm: { 'zh-CN': '用户运营', 'en-US': 'CRM / user operations' },
  content: { 'zh-CN': '内容运营', 'en-US': 'Content operations' },
  service_agent: { 'zh-CN': '客服', 'en-US': 'Service agent' },
  analyst: { 'zh-CN': '数据分析', 'en-US': 'Analyst (read-only)' },
};

const AREA_LABELS: Record<string, [string, string]> = {
  tenant: ['店铺设置', 'Shop settings'],
  members: ['成员', 'Members'],
  audit: ['审计日志', 'Audit log'],
  channels: ['渠道', 'Channels'],
  catalog: ['商品', 'Catalog'],
  inventory: ['库存', 'Inventory'],
  purchasing: ['采购', 'Purchasing'],
  orders: ['订单', 'Orders'],
  after_sales: ['售后', 'After-sales'],
  promotions: ['营销', 'Promotions'],
  customers: ['客户', 'Customers'],
  content: ['内容', 'Content'],
  service: ['客服', 'Service'],
  analytics: ['数据', 'Analytics'],
  reports: ['报表', 'Reports'],
};

const VERB_LABELS: Record<string, [string, string]> = {
  read: ['查看', 'read'],
  write: ['编辑', 'write'],
  manage: ['管理', 'manage'],
  pii: ['查看个人信息', 'see personal data'],
};

/** A label per permission, built from its area and verb. */
export const PERMISSION_LABELS = Object.fromEntries(
  (Object.keys(AREA_LABELS) as string[]).flatMap((area) =>
    Object.entries(VERB_LABELS).map(([verb, [zhVerb, enVerb]]) => [
      `${area}.${verb}`,
      { 'zh-CN': `${AREA_LABELS[area]![0]}·${zhVerb}`, 'en-US': `${AREA_LABELS[area]![1]}: ${enVerb}` },
    ]),
  ),
) as Readonly<Record<Permission, { 'zh-CN': string; 'en-US': string }>>;
