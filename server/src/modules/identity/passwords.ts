// Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane).
import argon2 from 'argon2';

const options = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export const hashPassword = (password: string) => argon2.hash(password, options);

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // Accounts without a password (Supabase sign-ins) still take a hash's time.
  if (!hash) {
    await argon2.hash(password, options);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
