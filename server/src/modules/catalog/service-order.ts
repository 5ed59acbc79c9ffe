// The orders a services list can take. catalog.inputs.ts registers it as the GraphQL enum.
export enum ServiceOrder {
  RELEVANCE = 'RELEVANCE',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  RATING = 'RATING',
  NEWEST = 'NEWEST',
}
