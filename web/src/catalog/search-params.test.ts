import { describe, expect, it } from 'vitest';
import { readSearch, toFilter, writeSearch } from './search-params';

describe('the search in the URL', () => {
  it('round-trips every filter and the sort, so a shared link shows the same results', () => {
    const params = new URLSearchParams('q=plumbng&category=c1&city=Dhaka&min=500&max=2000&sort=PRICE_ASC');
    const state = readSearch(params);
    expect(state).toEqual({ q: 'plumbng', category: 'c1', city: 'Dhaka', min: 500, max: 2000, sort: 'PRICE_ASC' });
    expect(writeSearch(state).toString()).toBe(params.toString());
  });

  it('turns whole taka into minor units for the API and leaves empty filters out', () => {
    expect(toFilter(readSearch(new URLSearchParams('min=500&max=2000')))).toEqual({
      search: null,
      categoryId: null,
      city: null,
      minPrice: 50000,
      maxPrice: 200000,
    });
  });

  it('ignores values a person could not have chosen', () => {
    expect(readSearch(new URLSearchParams('sort=DROP&min=-3&max=abc'))).toMatchObject({ sort: 'RELEVANCE', min: null, max: null });
    expect(writeSearch(readSearch(new URLSearchParams('sort=RELEVANCE&q=%20'))).toString()).toBe('');
  });
});
