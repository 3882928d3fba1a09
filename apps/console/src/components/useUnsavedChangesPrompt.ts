import { useCallback, useEffect, useRef } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router-dom';

/**
 * While `unsaved`, leaving the page asks first: links, the browser's back and forward (the router's
 * blocker) and closing or reloading the tab (`beforeunload`, where the browser words the question).
 * Returns a function to call before a navigation the page makes itself once the work is safe
 * (after saving or deleting), so that one goes through without asking.
 */
export function useUnsavedChangesPrompt(unsaved: boolean, message: string): () => void {
  const allowed = useRef(false);
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => unsaved && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
    [unsaved],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);

  useEffect(() => {
    if (!unsaved) {
      allowed.current = false;
      return;
    }
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);

  return useCallback(() => {
    allowed.current = true;
  }, []);
}
