// The demo marketplace's people and catalog: users, provider profiles, services with
// images, weekly rules and date exceptions. Pure: rows in memory, nothing written here.
import type { Prisma } from '../generated/prisma/client';
import { CATEGORIES, SERVICE_TEMPLATES, type CategorySlug, type ServiceTemplate } from './catalog';
import { customerSeeds, DEMO_ACCOUNTS, DEMO_PROVIDER, PROVIDERS, emailFor, type ProviderSeed } from './people';
import { seedId, type Rng } from './random';
import { calendarDay, Diary, longestRange, SCHEDULES, weekdayOf } from './schedules';

export interface SeededService {
  id: string;
  providerId: string;
  title: string;
  priceAmount: number;
  durationMinutes: number;
  bufferMinutes: number;
  instantBooking: boolean;
  active: boolean;
}

export interface SeededProvider {
  id: string;
  userId: string;
  seed: ProviderSeed;
  services: SeededService[];
  diary: Diary;
}

export interface Directory {
  categories: Prisma.CategoryCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  providerRows: Prisma.ProviderProfileCreateManyInput[];
  services: Prisma.ServiceCreateManyInput[];
  images: Prisma.ServiceImageCreateManyInput[];
  rules: Prisma.AvailabilityRuleCreateManyInput[];
  exceptions: Prisma.AvailabilityExceptionCreateManyInput[];
  demoProvider: SeededProvider;
  providers: SeededProvider[]; // the 30 others
  demoCustomerId: string;
  adminId: string;
  customerIds: string[]; // the 40 others
}

const DAY_MS = 86_400_000;
const TOTAL_SERVICES = 120;
// The demo provider's own services: [category, template title, instant booking, active].
const DEMO_SERVICES: Array<[CategorySlug, string, boolean, boolean]> = [
  ['cleaning', 'Bathroom Deep Cleaning', true, true],
  ['cleaning', 'Kitchen Deep Cleaning', false, true],
  ['plumbing', 'Leaking Tap & Pipe Repair', true, true],
  ['electrical', 'Ceiling Fan Installation', false, true],
  ['appliance-repair', 'AC Repair & Gas Refill', true, true],
  ['cleaning', 'Water Tank Cleaning', false, false],
];

export function buildDirectory(rng: Rng, today: Date, passwordHash: string): Directory {
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY_MS);
  const categoryId = (slug: CategorySlug) => seedId('category', slug);
  const d: Omit<Directory, 'demoProvider' | 'providers' | 'demoCustomerId' | 'adminId' | 'customerIds'> = {
    categories: CATEGORIES.map((c, i) => ({ id: categoryId(c.slug), slug: c.slug, name: c.name, sortOrder: i + 1 })),
    users: [],
    providerRows: [],
    services: [],
    images: [],
    rules: [],
    exceptions: [],
  };
  const imageCounters = new Map<CategorySlug, number>();

  const addUser = (email: string, name: string, role: 'CUSTOMER' | 'PROVIDER' | 'ADMIN', timeZone: string, age: number) => {
    const id = seedId('user', email);
    const phone = timeZone === 'Asia/Dhaka' ? `+8801${rng.pick([3, 5, 7, 8, 9])}${String(rng.int(10_000_000, 99_999_999))}` : null;
    d.users.push({ id, email, passwordHash, name, phone, role, timeZone, createdAt: daysAgo(age), updatedAt: daysAgo(age) });
    return id;
  };

  const addService = (p: SeededProvider, slug: CategorySlug, t: ServiceTemplate, instantBooking: boolean, active: boolean) => {
    const fitting = t.durations.filter((m) => m <= longestRange(p.seed.schedule));
    const durationMinutes = rng.pick(fitting.length > 0 ? fitting : [Math.min(...t.durations)]);
    const service: SeededService = {
      id: seedId('service', p.id, t.title),
      providerId: p.id,
      title: t.title,
      priceAmount: 100 * 50 * rng.int(Math.ceil(t.priceTaka[0] / 50), Math.floor(t.priceTaka[1] / 50)),
      durationMinutes,
      bufferMinutes: rng.pick([0, 0, 10, 15, 15, 20, 30]),
      instantBooking,
      active,
    };
    p.services.push(service);
    const createdAt = daysAgo(rng.int(30, 80));
    d.services.push({
      ...service,
      categoryId: categoryId(slug),
      description: t.description,
      terms: t.terms ?? null,
      currency: 'BDT',
      createdAt,
      updatedAt: createdAt,
    });
    for (let position = 0, n = rng.int(1, 3); position < n; position++) {
      const counter = (imageCounters.get(slug) ?? 0) + 1;
      imageCounters.set(slug, counter);
      d.images.push({
        id: seedId('image', service.id, position),
        serviceId: service.id,
        publicId: `homeser/demo/${slug}-${((counter - 1) % 12) + 1}`,
        position,
        createdAt,
      });
    }
  };

  const addProvider = (seed: ProviderSeed, email: string, age: number, demo: boolean): SeededProvider => {
    const userId = addUser(email, seed.name, 'PROVIDER', seed.timeZone, age);
    const id = seedId('provider', email);
    d.providerRows.push({
      id,
      userId,
      businessName: seed.business,
      bio: seed.bio,
      city: seed.city,
      timeZone: seed.timeZone,
      minNoticeMinutes: demo ? 120 : rng.pick([60, 90, 120, 180, 240]),
      maxAdvanceDays: demo ? 60 : rng.pick([30, 45, 60, 90]),
      createdAt: daysAgo(age),
      updatedAt: daysAgo(age),
    });
    const rules = SCHEDULES[seed.schedule];
    rules.forEach((r, i) => d.rules.push({ id: seedId('rule', id, i), providerId: id, ...r }));
    const exceptionDays = addExceptions(id, seed.schedule, demo);
    return { id, userId, seed, services: [], diary: new Diary(rng, today, seed.timeZone, rules, exceptionDays) };
  };

  // Whole-day and partial BLOCKED days and EXTRA hours in the coming weeks; bookings avoid these days.
  const addExceptions = (providerId: string, schedule: keyof typeof SCHEDULES, demo: boolean): Set<number> => {
    const days = new Set<number>();
    const add = (offset: number, kind: 'BLOCKED' | 'EXTRA', startMinute: number | null, endMinute: number | null) => {
      const date = calendarDay(today, offset);
      if (days.has(date.getTime())) return;
      days.add(date.getTime());
      d.exceptions.push({
        id: seedId('exception', providerId, offset),
        providerId,
        date,
        kind,
        startMinute,
        endMinute,
        createdAt: daysAgo(rng.int(1, 5)),
      });
    };
    const workdays = new Set(SCHEDULES[schedule].map((r) => r.weekday));
    const offDay = (from: number, to: number) => {
      for (let o = from; o <= to; o++) if (!workdays.has(weekdayOf(calendarDay(today, o)))) return o;
      return null;
    };
    if (demo || rng.chance(0.6)) add(demo ? 5 : rng.int(3, 25), 'BLOCKED', null, null);
    if (demo || rng.chance(0.4)) {
      const [start, end] = demo || rng.chance(0.5) ? [14, 18] : [9, 12];
      add(demo ? 8 : rng.int(2, 20), 'BLOCKED', start * 60, end * 60);
    }
    if (demo || rng.chance(0.3)) {
      const o = offDay(demo ? 9 : rng.int(4, 12), 24);
      if (o !== null) add(o, 'EXTRA', 10 * 60, 14 * 60);
    }
    return days;
  };

  const demoCustomerId = addUser(
    DEMO_ACCOUNTS.customer.email,
    DEMO_ACCOUNTS.customer.name,
    'CUSTOMER',
    DEMO_ACCOUNTS.customer.timeZone,
    120,
  );
  const demoProvider = addProvider(DEMO_PROVIDER, DEMO_ACCOUNTS.provider.email, 120, true);
  const adminId = addUser(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.name, 'ADMIN', DEMO_ACCOUNTS.admin.timeZone, 400);
  const providers = PROVIDERS.map((seed) => addProvider(seed, emailFor(seed.name), rng.int(90, 365), false));
  const customerIds = customerSeeds().map((c) => addUser(c.email, c.name, 'CUSTOMER', c.timeZone, rng.int(5, 300)));

  for (const [slug, title, instant, active] of DEMO_SERVICES) {
    const template = SERVICE_TEMPLATES[slug].find((t) => t.title === title);
    if (!template) throw new Error(`demo service template "${title}" is missing`);
    addService(demoProvider, slug, template, instant, active);
  }
  // The other services, spread evenly: some providers get one more than others.
  const others = TOTAL_SERVICES - DEMO_SERVICES.length;
  const base = Math.floor(others / providers.length);
  const extra = new Set(rng.shuffle(providers.map((_, i) => i)).slice(0, others - base * providers.length));
  let serial = 0;
  providers.forEach((p, i) => {
    const wanted = base + (extra.has(i) ? 1 : 0);
    for (let k = 0; k < wanted; k++) {
      const slug = p.seed.categories[k % p.seed.categories.length];
      const fits = (t: ServiceTemplate) => t.durations.some((m) => m <= longestRange(p.seed.schedule));
      const unused = SERVICE_TEMPLATES[slug].filter((t) => fits(t) && !p.services.some((s) => s.title === t.title));
      addService(p, slug, rng.pick(unused), rng.chance(0.5), serial++ % 20 !== 11);
    }
  });

  return { ...d, demoProvider, providers, demoCustomerId, adminId, customerIds };
}
