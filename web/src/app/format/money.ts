// Money arrives in minor units with its currency: { amount: 150000, currency: 'BDT' } → "৳1,500".
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: { amount: number; currency: string }): string {
  let f = formatters.get(money.currency);
  if (!f) {
    f = new Intl.NumberFormat('en-BD', { style: 'currency', currency: money.currency, minimumFractionDigits: 0, maximumFractionDigits: 2 });
    formatters.set(money.currency, f);
  }
  return f.format(money.amount / 100);
}
