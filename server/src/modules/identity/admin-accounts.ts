// The first admin of a real deployment, without the demo seed: `npm run admin:create`.
// Creates an ADMIN account, or makes an existing account an admin (its password unchanged).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { User } from '../../generated/prisma/client';
import type { Db } from '../../infra/database';
import { parseInput } from '../../input-validation';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

const adminSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be a valid email address')),
  name: z.string().trim().min(1, 'must not be empty').max(100).default('Admin'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
});

export interface AdminAccount {
  user: User;
  created: boolean;
  /** Set when no password was given and one was generated: shown once, stored only as a hash. */
  generatedPassword?: string;
}

export async function createAdmin(prisma: Db, input: z.input<typeof adminSchema>): Promise<AdminAccount> {
  const data = parseInput(adminSchema, input);
  const existing = await prisma.user.findUnique({ where: { email: data.email } });
  if (existing) {
    const user = await prisma.user.update({ where: { id: existing.id }, data: { role: 'ADMIN', suspended: false } });
    return { user, created: false };
  }
  const generatedPassword = data.password ? undefined : randomBytes(18).toString('base64url');
  const user = await prisma.user.create({
    data: { email: data.email, name: data.name, role: 'ADMIN', passwordHash: await hashPassword(data.password ?? generatedPassword!) },
  });
  return { user, created: true, generatedPassword };
}
