export { PERMISSIONS, ROLES, isPermission, isRole, type Permission, type Role } from './permissions.ts';
export { ROLE_PERMISSIONS, can, canGrant } from './role-matrix.ts';
export { ROLE_LABELS, PERMISSION_LABELS } from './labels.ts';
