// The demo catalog: categories and the services providers offer in each. Titles and
// descriptions carry the words people search for ("plumbing", "deep cleaning", "AC repair").
import { HOME_SERVICE_TEMPLATES } from './service-templates-home';
import { PERSONAL_SERVICE_TEMPLATES } from './service-templates-personal';

export const CATEGORIES = [
  { slug: 'cleaning', name: 'Cleaning' },
  { slug: 'plumbing', name: 'Plumbing' },
  { slug: 'electrical', name: 'Electrical' },
  { slug: 'beauty-wellness', name: 'Beauty & Wellness' },
  { slug: 'tutoring', name: 'Tutoring' },
  { slug: 'appliance-repair', name: 'Appliance Repair' },
  { slug: 'moving', name: 'Moving & Shifting' },
  { slug: 'pest-control', name: 'Pest Control' },
] as const;

export type CategorySlug = (typeof CATEGORIES)[number]['slug'];

export interface ServiceTemplate {
  title: string;
  description: string;
  /** Price range in taka; the seed picks a round amount and stores poisha. */
  priceTaka: [number, number];
  /** Allowed durations in minutes (multiples of 5, 15..480). */
  durations: number[];
  terms?: string;
}

const { cleaning, plumbing, electrical, 'appliance-repair': applianceRepair } = HOME_SERVICE_TEMPLATES;
const { 'beauty-wellness': beautyWellness, tutoring, moving, 'pest-control': pestControl } = PERSONAL_SERVICE_TEMPLATES;

// In CATEGORIES order, which the seed's deterministic output depends on.
export const SERVICE_TEMPLATES: Record<CategorySlug, ServiceTemplate[]> = {
  cleaning,
  plumbing,
  electrical,
  'beauty-wellness': beautyWellness,
  tutoring,
  'appliance-repair': applianceRepair,
  moving,
  'pest-control': pestControl,
};
