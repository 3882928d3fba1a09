/** Dispatched on window when the API answers UNAUTHENTICATED: the session gate checks the session again. */
export const SESSION_ENDED_EVENT = 'spine:session-ended';
