import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { LoadingState } from '../components/LoadingState';
import { ViewerMenu } from '../features/auth/components/ViewerMenu';
import { useCan } from '../features/auth/hooks/useViewer';

export function Layout() {
  const mainRef = useRef<HTMLElement>(null);
  const canReadAudit = useCan('audit:read');
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so keyboard and screen-reader
  // users start at its content instead of the link they just activated.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/persons" className="brand" aria-label="Spine console home">
          <span className="brand-mark" aria-hidden="true" />
          Spine
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <NavLink to="/persons" className="nav-link">
                Persons
              </NavLink>
            </li>
            <li>
              <NavLink to="/review" className="nav-link">
                Review
              </NavLink>
            </li>
            <li>
              <NavLink to="/segments" className="nav-link">
                Segments
              </NavLink>
            </li>
            <li>
              <NavLink to="/explorer" className="nav-link">
                API explorer
              </NavLink>
            </li>
            {canReadAudit && (
              <li>
                <NavLink to="/audit" className="nav-link">
                  Audit log
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
        <ViewerMenu />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Suspense fallback={<LoadingState label="Loading page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
