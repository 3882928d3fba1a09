import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { ErrorCode, SpineError, badInput } from '../../graphql/errors.js';
import { one } from '../../database/sql.js';
import { Public, SignedIn } from './access.decorators.js';
import { SignInResult, Viewer } from './access.types.js';
import { toViewer } from './access.mappers.js';
import { AuthError } from './auth.service.js';
import { AuditAction } from './audit.service.js';
import { staffPrincipal } from './principal.js';
import { StaffUserError } from './staff-users.service.js';
import { SESSION_COOKIE } from './session-cookie.js';

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who is calling; null when nobody is signed in.' })
  @Public()
  async me(@Ctx() ctx: Context): Promise<Viewer | null> {
    const { principal } = ctx;
    if (principal.kind === 'anonymous') return null;
    const user = principal.userId ? await one<{ email: string; name: string | null }>(ctx.db, 'SELECT email, name FROM staff_user WHERE id = $1', [principal.userId]) : null;
    return toViewer(principal, user);
  }

  @Query(() => String, { nullable: true, description: 'On a demo server (not in production): the demo accounts and their password, for the sign-in page.' })
  @Public()
  demoSignInHint(@Ctx() ctx: Context): string | null {
    return ctx.config.nodeEnv === 'production' ? null : ctx.services.demo.signInHint;
  }

  @Mutation(() => SignInResult, { description: 'Sign in as a staff user. Sets an HttpOnly session cookie for the console and returns the token for other clients.' })
  @Public()
  async signIn(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<SignInResult> {
    try {
      const { token, user, expiresAt } = await ctx.services.auth.signIn(ctx.db, email, password);
      await ctx.services.audit.record(ctx.db, { actor: `staff:${user.email}`, action: AuditAction.SIGN_IN });
      ctx.http?.response.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.nodeEnv === 'production',
        path: '/',
        expires: expiresAt,
      });
      return { token, expiresAt, viewer: toViewer(staffPrincipal(user), user) };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      await ctx.services.audit.record(ctx.db, { actor: 'anonymous', action: AuditAction.SIGN_IN_FAILED, details: { email: email.trim().toLowerCase().slice(0, 320), why: error.code } });
      if (error.code === 'TOO_MANY_ATTEMPTS') throw new SpineError(ErrorCode.RATE_LIMITED, error.message, { retryAfterSeconds: error.retryAfterSeconds });
      throw new SpineError(ErrorCode.UNAUTHENTICATED, error.message);
    }
  }

  @Mutation(() => Boolean, { description: 'End the current session (and clear the console cookie); false when there was no session.' })
  @Public()
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    ctx.http?.response.clearCookie(SESSION_COOKIE, { path: '/' });
    if (!ctx.sessionToken) return false;
    return ctx.services.auth.signOut(ctx.db, ctx.sessionToken);
  }

  @Mutation(() => Boolean, { description: 'Change your own password (staff users). Every other session of yours ends.' })
  @SignedIn()
  async changePassword(@Arg('currentPassword', () => String) currentPassword: string, @Arg('newPassword', () => String) newPassword: string, @Ctx() ctx: Context): Promise<boolean> {
    const { principal } = ctx;
    if (!principal.userId) throw new SpineError(ErrorCode.FORBIDDEN, 'Only a staff user has a password to change.');
    if (!(await ctx.services.auth.checkPassword(ctx.db, principal.userId, currentPassword))) throw new SpineError(ErrorCode.UNAUTHENTICATED, 'The current password is wrong.');
    try {
      await ctx.services.staffUsers.setPassword(ctx.db, principal.userId, newPassword);
    } catch (error) {
      if (error instanceof StaffUserError) throw badInput(error.message);
      throw error;
    }
    await ctx.services.auth.endSessionsOf(ctx.db, principal.userId);
    return true;
  }
}
