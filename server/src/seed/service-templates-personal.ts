// Demo services for people and moves: beauty, tutoring, moving and pest control.
import type { CategorySlug, ServiceTemplate } from './catalog';

const SESSION_TERMS = 'Sessions missed without 12 hours notice are not refunded. Study material is shared by email after each session.';

export const PERSONAL_SERVICE_TEMPLATES: Record<
  Extract<CategorySlug, 'beauty-wellness' | 'tutoring' | 'moving' | 'pest-control'>,
  ServiceTemplate[]
> = {
  'beauty-wellness': [
    {
      title: 'Bridal Makeup at Home',
      description:
        'Bridal makeup at home by a professional artist: HD base, eye makeup, hairstyling and draping, with premium products. Trial session available.',
      priceTaka: [8000, 15000],
      durations: [180, 240],
      terms: 'A 30% advance confirms the date. Trial sessions are booked separately.',
    },
    {
      title: 'Haircut & Styling at Home',
      description: 'Haircut, blow-dry and styling at home for women, men and children, by a trained stylist who brings everything needed.',
      priceTaka: [500, 1500],
      durations: [45, 60],
    },
    {
      title: 'Facial & Skin Care Session',
      description:
        'Relaxing facial and skin care: cleansing, exfoliation, steam, mask and massage, chosen for your skin type (gold, fruit or hydrating facial).',
      priceTaka: [1500, 4000],
      durations: [60, 90],
    },
    {
      title: 'Full Body Massage',
      description:
        'Full body massage at home with aromatic oils to relieve stress and muscle pain. Swedish or deep-tissue, by a certified therapist.',
      priceTaka: [2000, 5000],
      durations: [60, 90],
    },
    {
      title: 'Manicure & Pedicure',
      description: 'Manicure and pedicure with nail shaping, cuticle care, scrub, massage and polish. Hygienic, single-use tools.',
      priceTaka: [1000, 2500],
      durations: [60, 90],
    },
    {
      title: 'Mehendi Design',
      description:
        'Mehendi design for weddings, Eid and parties: Arabic, Indian and Bangladeshi patterns with natural henna for a deep colour.',
      priceTaka: [1000, 4000],
      durations: [90, 120],
    },
    {
      title: 'Threading & Waxing',
      description: 'Eyebrow threading, upper-lip and full-face threading, and arm or leg waxing with gentle, skin-friendly wax.',
      priceTaka: [500, 1500],
      durations: [30, 45],
    },
  ],
  tutoring: [
    {
      title: 'Math Tutoring (Class 6–10)',
      description:
        'One-to-one math tutoring for classes 6 to 10 (Bangla or English version): algebra, geometry and exam practice with weekly progress notes for parents.',
      priceTaka: [800, 2000],
      durations: [60, 90],
      terms: SESSION_TERMS,
    },
    {
      title: 'Physics & Chemistry Tutoring (HSC)',
      description:
        'HSC physics and chemistry tutoring: concepts, numerical problems and board question practice, by a BUET graduate tutor.',
      priceTaka: [1000, 2500],
      durations: [90, 120],
      terms: SESSION_TERMS,
    },
    {
      title: 'IELTS Preparation Session',
      description:
        'IELTS preparation covering listening, reading, writing and speaking, with mock tests and band-score feedback after every session.',
      priceTaka: [1500, 3500],
      durations: [90, 120],
    },
    {
      title: 'Spoken English Practice',
      description:
        'Spoken English practice for students and professionals: conversation, pronunciation, presentations and job-interview English.',
      priceTaka: [700, 1500],
      durations: [60],
    },
    {
      title: 'Quran Recitation Lessons',
      description: 'Quran recitation lessons with tajweed for children and adults, at home or online, by a qualified teacher.',
      priceTaka: [500, 1200],
      durations: [45, 60],
    },
    {
      title: 'Programming for Beginners (Python)',
      description:
        'Learn programming with Python from scratch: variables, loops, functions and small projects. Tutoring for school students and career changers.',
      priceTaka: [1500, 3000],
      durations: [90, 120],
    },
    {
      title: 'O/A Level Mathematics Tutoring',
      description: 'Cambridge and Edexcel O and A Level mathematics tutoring: pure, mechanics and statistics, with past-paper practice.',
      priceTaka: [2000, 4000],
      durations: [90],
    },
  ],
  moving: [
    {
      title: 'House Shifting (1–2 Bedroom)',
      description:
        'Complete house shifting for 1–2 bedroom flats: packing, loading, a covered truck, unloading and placing furniture in your new home.',
      priceTaka: [5000, 12000],
      durations: [300, 360, 420],
      terms: 'Price covers up to 15 km and 3 floors without a lift; extra distance and floors are charged per the rate card.',
    },
    {
      title: 'House Shifting (3+ Bedroom)',
      description:
        'Family house shifting for 3 or more bedrooms with a team of six, bubble wrap and cartons, furniture dismantling and reassembly.',
      priceTaka: [10000, 15000],
      durations: [420, 480],
      terms: 'Price covers up to 15 km and 3 floors without a lift; extra distance and floors are charged per the rate card.',
    },
    {
      title: 'Office Relocation',
      description:
        'Office relocation with labelled packing of files, IT equipment and furniture, moved over a weekend so work is not interrupted.',
      priceTaka: [10000, 15000],
      durations: [420, 480],
    },
    {
      title: 'Furniture Dismantling & Assembly',
      description:
        'Beds, wardrobes, dining tables and flat-pack furniture dismantled and reassembled by carpenters, with fittings kept safe.',
      priceTaka: [1000, 3000],
      durations: [120, 180],
    },
    {
      title: 'Packing & Unpacking Service',
      description:
        'Professional packing and unpacking of kitchenware, clothes, books and fragile items with cartons, bubble wrap and labels.',
      priceTaka: [2000, 5000],
      durations: [180, 240],
    },
    {
      title: 'Pickup Truck Hire with Labour',
      description: 'A pickup truck with a driver and two helpers for small moves, furniture deliveries or bulk shopping, within the city.',
      priceTaka: [2500, 6000],
      durations: [180, 240],
    },
  ],
  'pest-control': [
    {
      title: 'Cockroach Control Treatment',
      description:
        'Cockroach pest control with odourless gel baiting and spray in the kitchen, bathrooms and cabinets. Safe for children and pets once dry.',
      priceTaka: [1500, 3500],
      durations: [60, 90],
      terms: 'Includes one free follow-up treatment within 30 days.',
    },
    {
      title: 'Termite Control',
      description:
        'Termite pest control by drilling and injecting anti-termite chemicals along walls and wooden fixtures, protecting furniture for years.',
      priceTaka: [3000, 8000],
      durations: [120, 180],
      terms: 'Comes with a one-year service warranty.',
    },
    {
      title: 'Bed Bug Treatment',
      description:
        'Bed bug pest control for mattresses, sofas and cracks with a two-visit spray programme that kills eggs as well as adult bugs.',
      priceTaka: [2000, 5000],
      durations: [90, 120],
    },
    {
      title: 'Mosquito Fogging',
      description: 'Mosquito fogging and larvicide pest control for homes, rooftops and gardens to reduce dengue risk during the monsoon.',
      priceTaka: [1000, 2500],
      durations: [45, 60],
    },
    {
      title: 'Rodent (Rat) Control',
      description: 'Rat and mouse pest control with bait stations, traps and sealing of entry points, plus advice to keep them out.',
      priceTaka: [1500, 3500],
      durations: [60, 90],
    },
    {
      title: 'General Pest Control (Full Home)',
      description: 'Full home pest control against cockroaches, ants, spiders and silverfish, with a herbal spray safe for families.',
      priceTaka: [2500, 6000],
      durations: [90, 120],
    },
  ],
};
