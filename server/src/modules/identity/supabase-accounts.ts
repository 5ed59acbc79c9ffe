// Which local account a Supabase identity signs in as. The `sub` is the link: once an
// account carries it, the token is that account. Without a link yet, the email may link an
// existing account only when the token says Supabase verified it, only a customer account,
// and only one not linked to another Supabase identity: an email alone never hands over
// a provider's or an admin's account. With no account for the email, one is created.
import { DomainError } from '../../domain-error';
import type { User } from '../../generated/prisma/client';
import { PgError, sqlState, type Db } from '../../infra/database';
import type { SupabaseClaims } from './supabase-tokens';

const signInWithPassword = 'sign in with your email and password instead';

export class SupabaseAccounts {
  constructor(private readonly prisma: Db) {}

  async userFor(claims: SupabaseClaims): Promise<User> {
    const linked = await this.prisma.user.findUnique({ where: { supabaseId: claims.sub } });
    if (linked) return linked;
    if (!claims.email)
      throw new DomainError('UNAUTHENTICATED', `This Supabase account has no email to sign in with; ${signInWithPassword}`);
    const existing = await this.prisma.user.findUnique({ where: { email: claims.email } });
    if (existing) return this.link(existing, claims);
    return this.create(claims, claims.email);
  }

  private async link(user: User, claims: SupabaseClaims): Promise<User> {
    const refuse = (why: string) =>
      new DomainError('UNAUTHENTICATED', `An account with this email already exists and ${why}; ${signInWithPassword}`, {
        reason: 'ACCOUNT_NOT_LINKED',
      });
    if (!claims.emailVerified) throw refuse('Supabase has not confirmed that this email is yours');
    if (user.role !== 'CUSTOMER') throw refuse('is never linked by email alone');
    // Conditional, so two first sign-ins cannot both claim the account.
    const { count } = await this.prisma.user.updateMany({ where: { id: user.id, supabaseId: null }, data: { supabaseId: claims.sub } });
    if (!count) {
      const now = await this.prisma.user.findUnique({ where: { supabaseId: claims.sub } });
      if (now) return now;
      throw refuse('is linked to another Supabase account');
    }
    return { ...user, supabaseId: claims.sub };
  }

  private async create(claims: SupabaseClaims, email: string): Promise<User> {
    try {
      return await this.prisma.user.create({ data: { email, name: claims.name ?? email.split('@')[0]!, supabaseId: claims.sub } });
    } catch (err) {
      if (sqlState(err) !== PgError.uniqueViolation) throw err;
      // A concurrent first sign-in created it (same sub) or took the email: decide again.
      const now = await this.prisma.user.findUnique({ where: { supabaseId: claims.sub } });
      if (now) return now;
      const existing = await this.prisma.user.findUnique({ where: { email } });
      if (!existing) throw err;
      return this.link(existing, claims);
    }
  }
}
