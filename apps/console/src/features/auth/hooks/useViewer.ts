import { createContext, useContext } from 'react';

export type Permission =
  | 'graph:read'
  | 'pii:read'
  | 'ingest:write'
  | 'profile:write'
  | 'identity:write'
  | 'segments:write'
  | 'value:write'
  | 'privacy:export'
  | 'privacy:erase'
  | 'audit:read'
  | 'access:manage';

export interface ViewerState {
  actor: string;
  name: string | null;
  email: string | null;
  role: string | null;
  permissions: ReadonlySet<string>;
  signOut(): Promise<void>;
}

export const ViewerContext = createContext<ViewerState | null>(null);

/** The signed-in staff user (the console renders nothing else until someone is signed in). */
export function useViewer(): ViewerState {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in console');
  return viewer;
}

/** Whether the signed-in user may do this; the API enforces the same rule, this only hides what would be refused. */
export function useCan(permission: Permission): boolean {
  return useContext(ViewerContext)?.permissions.has(permission) ?? false;
}
