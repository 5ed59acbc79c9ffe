// Money as every module passes it: integer minor units and an ISO 4217 currency.
export interface Money {
  /** Integer minor units (poisha for BDT). */
  amount: number;
  currency: string;
}

export const money = (amount: number, currency: string): Money => ({ amount, currency });
