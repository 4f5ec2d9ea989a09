// The one permission table. Every /api/v1 route names the permission it needs (see
// server/auth-plugin.ts); registration fails for a route that names none.
export const ROLES = ['admin', 'compliance_lead', 'contributor', 'approver', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read anything in the organization's model, analysis and registers. */
  'model:read': ['admin', 'compliance_lead', 'contributor', 'approver', 'auditor'],
  /** Create, change and retire any model row. */
  'model:write': ['admin', 'compliance_lead'],
  /** Change rows the caller owns (checked row by row in the services). */
  'model:write-own': ['contributor'],
  /** Approve scope versions and budget lines, sign off reviews. */
  'model:approve': ['admin', 'approver'],
  /** Run an analysis that updates the gap register; edit gaps. */
  'gaps:write': ['admin', 'compliance_lead'],
  /** Update gaps the caller owns. */
  'gaps:write-own': ['contributor'],
  'org:write': ['admin', 'compliance_lead'],
  'users:read': ['admin', 'compliance_lead', 'auditor'],
  'users:manage': ['admin'],
  'audit:read': ['admin', 'compliance_lead', 'auditor'],
  'export:read': ['admin', 'compliance_lead', 'approver', 'auditor'],
  /** Anything about the caller's own account (profile, own API tokens). */
  self: ['admin', 'compliance_lead', 'contributor', 'approver', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
