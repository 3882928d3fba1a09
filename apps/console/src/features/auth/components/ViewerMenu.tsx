import { useState } from 'react';
import { useViewer } from '../hooks/useViewer';

const ROLE_LABELS: Record<string, string> = { ADMIN: 'Admin', SUPPORT: 'Support', MARKETER: 'Marketer', VIEWER: 'Viewer' };

/** Who is signed in, with which role, and the way out. */
export function ViewerMenu() {
  const viewer = useViewer();
  const [leaving, setLeaving] = useState(false);
  const role = viewer.role ? (ROLE_LABELS[viewer.role] ?? viewer.role) : null;
  return (
    <div className="viewer-menu">
      <span className="viewer-name" title={viewer.email ?? viewer.actor}>
        {viewer.name ?? viewer.email ?? viewer.actor}
      </span>
      {role && (
        <span className="viewer-role" aria-label={`Role: ${role}`}>
          {role}
        </span>
      )}
      <button
        type="button"
        className="button button-small viewer-sign-out"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void viewer.signOut().finally(() => setLeaving(false));
        }}
      >
        Sign out
      </button>
    </div>
  );
}
