import type { Role } from './roles.js';

export interface StaffUserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  created_at: Date;
  created_by: string;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
}

export const STAFF_USER_COLUMNS = 'id, email, name, role, created_at, created_by, disabled_at, last_sign_in_at';
