// Builders for signed-in people: each returns tokens for a new, unique account.
import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery';

export interface Account {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id email role } } }`;

export async function aCustomer(t: TestApp, overrides: { name?: string; timeZone?: string } = {}): Promise<Account> {
  const email = `c-${randomBytes(5).toString('hex')}@example.test`;
  const r = await t.gql(REGISTER, {
    input: { email, password: PASSWORD, name: overrides.name ?? 'Casey Customer', timeZone: overrides.timeZone },
  });
  if (!r.data) throw new Error(`register failed: ${JSON.stringify(r.errors)}`);
  const p = r.data.register;
  return { id: p.user.id, email, token: p.accessToken, refreshToken: p.refreshToken };
}

/** An account with a role set directly (admins exist before anyone can grant the role). */
export async function anAccountWithRole(t: TestApp, role: 'ADMIN' | 'PROVIDER'): Promise<Account> {
  const account = await aCustomer(t, { name: role === 'ADMIN' ? 'Ada Admin' : 'Pat Provider' });
  await t.app.infra.prisma.user.update({ where: { id: account.id }, data: { role } });
  return account;
}

export const anAdmin = (t: TestApp) => anAccountWithRole(t, 'ADMIN');
