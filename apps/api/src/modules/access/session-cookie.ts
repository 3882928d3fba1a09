/** The console's session cookie: HttpOnly (scripts cannot read it), SameSite=Strict. */
export const SESSION_COOKIE = 'spine_session';

export function sessionTokenFromCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}
