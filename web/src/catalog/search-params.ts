// The search lives in the URL (/search?q=plumbing&category=…&city=…&min=500&max=2000&sort=PRICE_ASC),
// so a search can be shared and Back works. Prices in the URL are whole taka; the API wants minor units.
import type { ServiceFilter, ServiceOrder } from '../gql/graphql';

export interface SearchState {
  q: string;
  category: string | null;
  city: string;
  min: number | null;
  max: number | null;
  sort: ServiceOrder;
}

export const SORTS: { value: ServiceOrder; label: string }[] = [
  { value: 'RELEVANCE', label: 'Best match' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'RATING', label: 'Top rated' },
  { value: 'NEWEST', label: 'Newest' },
];

const wholeNumber = (value: string | null): number | null => (value && /^\d+$/.test(value) ? Number(value) : null);

export function readSearch(params: URLSearchParams): SearchState {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    category: params.get('category'),
    city: params.get('city') ?? '',
    min: wholeNumber(params.get('min')),
    max: wholeNumber(params.get('max')),
    sort: SORTS.some((s) => s.value === sort) ? (sort as ServiceOrder) : 'RELEVANCE',
  };
}

export function writeSearch(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.category) params.set('category', state.category);
  if (state.city.trim()) params.set('city', state.city.trim());
  if (state.min !== null) params.set('min', String(state.min));
  if (state.max !== null) params.set('max', String(state.max));
  if (state.sort !== 'RELEVANCE') params.set('sort', state.sort);
  return params;
}

export function toFilter(state: SearchState): ServiceFilter {
  return {
    search: state.q.trim() || null,
    categoryId: state.category,
    city: state.city.trim() || null,
    minPrice: state.min === null ? null : state.min * 100,
    maxPrice: state.max === null ? null : state.max * 100,
  };
}
