// Builders for catalog tests: categories straight through Prisma (the category mutations
// have tests of their own), providers and services through the API like a real client.
import { randomBytes } from 'node:crypto';
import { aCustomer, type Account } from './support/accounts';
import type { TestApp } from './support/test-app';

export interface ProviderAccount extends Account {
  providerId: string;
}

export async function aCategory(t: TestApp, name = 'Plumbing'): Promise<string> {
  const slug = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}`;
  return (await t.app.infra.prisma.category.create({ data: { slug, name } })).id;
}

export async function aProvider(
  t: TestApp,
  profile: { businessName?: string; city?: string | null; timeZone?: string; name?: string } = {},
): Promise<ProviderAccount> {
  const account = await aCustomer(t, { name: profile.name ?? 'Pat Provider' });
  const r = await t.gql(
    `mutation($input: ProviderProfileInput!) { becomeProvider(input: $input) { id } }`,
    {
      input: {
        businessName: profile.businessName ?? 'Pat Fixes Things',
        city: profile.city === undefined ? 'Dhaka' : profile.city,
        timeZone: profile.timeZone ?? 'Asia/Dhaka',
      },
    },
    { token: account.token },
  );
  if (!r.data) throw new Error(`becomeProvider failed: ${JSON.stringify(r.errors)}`);
  return { ...account, providerId: r.data.becomeProvider.id };
}

export interface ServiceFields {
  categoryId: string;
  title?: string;
  description?: string;
  priceAmount?: number;
  durationMinutes?: number;
  bufferMinutes?: number;
  instantBooking?: boolean;
  terms?: string | null;
}

export const CREATE_SERVICE = `mutation($input: ServiceInput!) { createService(input: $input) { id title active price { amount currency } } }`;

export async function aService(t: TestApp, provider: Account, fields: ServiceFields): Promise<string> {
  const input = {
    title: 'Leaking Tap Repair',
    description: 'A plumber fixes dripping taps and leaking pipes, then tests the line.',
    priceAmount: 80000,
    durationMinutes: 60,
    ...fields,
  };
  const r = await t.gql(CREATE_SERVICE, { input }, { token: provider.token });
  if (!r.data) throw new Error(`createService failed: ${JSON.stringify(r.errors)}`);
  return r.data.createService.id;
}

/** Services inserted in bulk through Prisma, for lists where creating one by one adds nothing. */
export async function manyServices(
  t: TestApp,
  providerIds: string[],
  categoryId: string,
  count: number,
  each: (i: number) => { title?: string; priceAmount?: number } = () => ({}),
): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    providerId: providerIds[i % providerIds.length]!,
    categoryId,
    title: `Home service ${i}`,
    description: 'A service for the list tests, described at some length for search.',
    priceAmount: 10000 + (i % 7) * 1000,
    durationMinutes: 60,
    ...each(i),
  }));
  const created = await t.app.infra.prisma.service.createManyAndReturn({ data: rows, select: { id: true } });
  await t.app.infra.cache.bump('catalog'); // written behind the API's back: retire cached reads as a write would
  return created.map((s) => s.id);
}
