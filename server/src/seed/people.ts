// Who is in the demo: the three demo accounts, 30 providers and 40 customers.
import type { CategorySlug } from './catalog';
import type { ScheduleName } from './schedules';

export const DEMO_PASSWORD = 'homeser-demo';

export const DEMO_ACCOUNTS = {
  customer: { email: 'customer@homeser.test', name: 'Demo Customer', timeZone: 'Asia/Dhaka' },
  provider: { email: 'provider@homeser.test', name: 'Demo Provider', timeZone: 'Asia/Dhaka' },
  admin: { email: 'admin@homeser.test', name: 'Demo Admin', timeZone: 'Asia/Dhaka' },
} as const;

export interface ProviderSeed {
  name: string;
  business: string;
  city: string;
  timeZone: string;
  categories: CategorySlug[];
  schedule: ScheduleName;
  bio: string;
}

const DHAKA = 'Asia/Dhaka';

export const DEMO_PROVIDER: ProviderSeed = {
  name: DEMO_ACCOUNTS.provider.name,
  business: 'Demo Home Services',
  city: 'Dhaka',
  timeZone: DHAKA,
  categories: ['cleaning', 'plumbing', 'electrical', 'appliance-repair'],
  schedule: 'bd-split',
  bio: 'All-round home services in Dhaka: cleaning, plumbing, electrical work and AC repair by one trusted team. This is the demo provider account.',
};

export const PROVIDERS: ProviderSeed[] = [
  {
    name: 'Rahim Uddin',
    business: 'Sparkle Clean BD',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['cleaning', 'pest-control'],
    schedule: 'bd-day',
    bio: 'Ten years of home and office cleaning across Dhaka. Trained, police-verified staff and our own machines.',
  },
  {
    name: 'Kamal Hossain',
    business: 'Dhaka Pipe Masters',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['plumbing'],
    schedule: 'bd-split',
    bio: 'Licensed plumbers for leaks, bathroom fittings and pumps. We arrive on time and leave the place clean.',
  },
  {
    name: 'Nasrin Akter',
    business: 'Glow Home Salon',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['beauty-wellness'],
    schedule: 'bd-salon',
    bio: 'A women-led team of beauticians bringing the salon to your home: facials, hair, bridal makeup and mehendi.',
  },
  {
    name: 'Tanvir Ahmed',
    business: 'CoolBreeze AC Care',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['appliance-repair'],
    schedule: 'bd-split-sat',
    bio: 'AC servicing, gas refill and installation specialists. Genuine parts and a 30-day service warranty.',
  },
  {
    name: 'Farhana Islam',
    business: 'Bright Minds Tutoring',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['tutoring'],
    schedule: 'bd-tutor',
    bio: 'Experienced teachers from DU and BUET for school, SSC, HSC and IELTS students, at home or online.',
  },
  {
    name: 'Shahidul Alam',
    business: 'Volt Electric Solutions',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['electrical'],
    schedule: 'bd-split',
    bio: 'Certified electricians for wiring, DB boards, IPS and lighting. Safety first, every time.',
  },
  {
    name: 'Mizanur Rahman',
    business: 'Shift Easy Movers',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['moving'],
    schedule: 'bd-day',
    bio: 'House and office shifting with covered trucks, careful packing and an experienced crew.',
  },
  {
    name: 'Sabina Yasmin',
    business: 'Pure Shine Cleaning Services',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['cleaning'],
    schedule: 'bd-day',
    bio: 'Deep cleaning, sofa shampooing and move-out cleaning with eco-friendly products.',
  },
  {
    name: 'Arif Chowdhury',
    business: 'Gulshan Handyman Hub',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['plumbing', 'electrical'],
    schedule: 'bd-split-sat',
    bio: 'One call for plumbing and electrical jobs in Gulshan, Banani and Baridhara.',
  },
  {
    name: 'Jannatul Ferdous',
    business: 'Mehendi & More by Jannat',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['beauty-wellness'],
    schedule: 'bd-salon',
    bio: 'Mehendi artist and makeup stylist for weddings, Eid and parties. Natural henna only.',
  },
  {
    name: 'Imran Khan',
    business: 'FixIt Appliance Centre',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['appliance-repair'],
    schedule: 'bd-split',
    bio: 'Refrigerator, washing machine, microwave and TV repair for all major brands, at your doorstep.',
  },
  {
    name: 'Rubina Sultana',
    business: 'PestAway Bangladesh',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['pest-control'],
    schedule: 'bd-day',
    bio: 'Government-registered pest control: cockroaches, termites, bed bugs and dengue mosquito control.',
  },
  {
    name: 'Habibur Rahman',
    business: 'Mirpur Home Care',
    city: 'Dhaka',
    timeZone: DHAKA,
    categories: ['cleaning', 'appliance-repair'],
    schedule: 'bd-day',
    bio: 'Affordable cleaning and appliance repair for Mirpur, Pallabi and Kafrul families.',
  },
  {
    name: 'Jashim Uddin',
    business: 'Port City Plumbers',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['plumbing'],
    schedule: 'bd-split',
    bio: 'Plumbing repairs and installations across Chattogram, from Agrabad to Nasirabad.',
  },
  {
    name: 'Tahmina Begum',
    business: 'Chattala Beauty Lounge',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['beauty-wellness'],
    schedule: 'bd-salon',
    bio: 'Home beauty services for Chattogram: skin care, hair, massage and bridal packages.',
  },
  {
    name: 'Rafiqul Islam',
    business: 'Agrabad Electric Works',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['electrical', 'appliance-repair'],
    schedule: 'bd-split-sat',
    bio: 'Electricians and appliance technicians serving homes and offices in Chattogram since 2012.',
  },
  {
    name: 'Sumaiya Noor',
    business: 'Hill View Tutors',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['tutoring'],
    schedule: 'bd-tutor',
    bio: 'Patient tutors for math, science and English, from class 6 to A Levels.',
  },
  {
    name: 'Abdul Karim',
    business: 'Karnaphuli Movers',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['moving'],
    schedule: 'bd-day',
    bio: 'Local and inter-city moving with packing, loading and furniture assembly.',
  },
  {
    name: 'Nusrat Jahan',
    business: 'FreshNest Cleaning',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['cleaning'],
    schedule: 'bd-day',
    bio: 'Friendly cleaners for homes and small offices; deep cleaning and water tank cleaning.',
  },
  {
    name: 'Delwar Hossain',
    business: 'GreenShield Pest Control',
    city: 'Chattogram',
    timeZone: DHAKA,
    categories: ['pest-control'],
    schedule: 'bd-day',
    bio: 'Herbal and odourless pest control treatments with follow-up visits included.',
  },
  {
    name: 'Mahbub Alam',
    business: 'Sylhet Cool Tech',
    city: 'Sylhet',
    timeZone: DHAKA,
    categories: ['appliance-repair', 'electrical'],
    schedule: 'bd-split',
    bio: 'AC repair, appliance servicing and electrical work in Sylhet city and Zindabazar.',
  },
  {
    name: 'Shirin Akhter',
    business: 'Tea Garden Spa & Salon',
    city: 'Sylhet',
    timeZone: DHAKA,
    categories: ['beauty-wellness'],
    schedule: 'bd-salon',
    bio: 'Relaxing massages, facials and beauty treatments brought to your home in Sylhet.',
  },
  {
    name: 'Anwar Hossain',
    business: 'Surma Plumbing & Sanitary',
    city: 'Sylhet',
    timeZone: DHAKA,
    categories: ['plumbing'],
    schedule: 'bd-split-sat',
    bio: 'Sanitary fittings, pump repairs and drain cleaning across Sylhet.',
  },
  {
    name: 'Lubna Chowdhury',
    business: 'Sylhet Learning Circle',
    city: 'Sylhet',
    timeZone: DHAKA,
    categories: ['tutoring'],
    schedule: 'bd-tutor',
    bio: 'Home tutoring and IELTS coaching by teachers with ten years in the classroom.',
  },
  {
    name: 'Oliver Bennett',
    business: 'Bennett & Sons Plumbing',
    city: 'London',
    timeZone: 'Europe/London',
    categories: ['plumbing', 'electrical'],
    schedule: 'west-split',
    bio: 'Family-run Gas Safe and NICEIC registered plumbers and electricians covering East London.',
  },
  {
    name: 'Amira Rahman',
    business: 'Brick Lane Beauty',
    city: 'London',
    timeZone: 'Europe/London',
    categories: ['beauty-wellness'],
    schedule: 'west-day',
    bio: 'Mobile beautician for Tower Hamlets and the City: threading, mehendi, facials and bridal looks.',
  },
  {
    name: 'Daniel Rivera',
    business: 'Queens Apartment Cleaners',
    city: 'New York',
    timeZone: 'America/New_York',
    categories: ['cleaning', 'moving'],
    schedule: 'west-day',
    bio: 'Apartment cleaning and small moves in Queens and Brooklyn. Insured and background-checked.',
  },
  {
    name: 'Priya Shah',
    business: 'Brooklyn Test Prep',
    city: 'New York',
    timeZone: 'America/New_York',
    categories: ['tutoring'],
    schedule: 'west-split',
    bio: 'SAT, IELTS and coding tutoring, in person in Brooklyn or online.',
  },
  {
    name: 'Sourav Banerjee',
    business: 'Salt Lake AC & Appliance Care',
    city: 'Kolkata',
    timeZone: 'Asia/Kolkata',
    categories: ['appliance-repair'],
    schedule: 'in-split',
    bio: 'AC, fridge and washing machine repair in Salt Lake, New Town and Rajarhat.',
  },
  {
    name: 'Moumita Das',
    business: 'Kolkata Pest Solutions',
    city: 'Kolkata',
    timeZone: 'Asia/Kolkata',
    categories: ['pest-control', 'cleaning'],
    schedule: 'in-day',
    bio: 'Pest control and deep cleaning for Kolkata homes, with safe, certified chemicals.',
  },
];

const FIRST_NAMES = [
  'Ayesha',
  'Tasnim',
  'Sadia',
  'Nabila',
  'Fatema',
  'Rumana',
  'Sharmin',
  'Mehjabin',
  'Tahsin',
  'Anika',
  'Rakib',
  'Sakib',
  'Fahim',
  'Nayeem',
  'Shuvo',
  'Tanim',
  'Rashed',
  'Zubair',
  'Mahfuz',
  'Asif',
];
const LAST_NAMES = ['Siddiqua', 'Rahman', 'Hasan', 'Karim', 'Akter', 'Chowdhury', 'Islam', 'Hossain', 'Sarkar', 'Mahmud'];
const FOREIGN_CUSTOMERS = [
  { name: 'Emily Carter', timeZone: 'Europe/London' },
  { name: 'James Walker', timeZone: 'Europe/London' },
  { name: 'Sofia Martinez', timeZone: 'America/New_York' },
  { name: 'Michael Chen', timeZone: 'America/New_York' },
  { name: 'Ananya Ghosh', timeZone: 'Asia/Kolkata' },
];

export interface CustomerSeed {
  name: string;
  email: string;
  timeZone: string;
}

/** 40 customers: 35 in Bangladesh, five abroad; names paired so none repeats. */
export function customerSeeds(): CustomerSeed[] {
  const local = Array.from({ length: 35 }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[(i * 3 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length];
    return { name: `${first} ${last}`, timeZone: DHAKA };
  });
  return [...local, ...FOREIGN_CUSTOMERS].map((c) => ({ ...c, email: emailFor(c.name) }));
}

export function emailFor(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
}
