// Money arrives in minor units with its currency: { amount: 150000, currency: 'BDT' } → "৳1,500",
// { amount: 125050, … } → "৳1,250.50" (whole amounts without decimals, others with both digits).
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: { amount: number; currency: string }): string {
  const digits = money.amount % 100 === 0 ? 0 : 2;
  const key = `${money.currency}:${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-BD', {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: 2,
    });
    formatters.set(key, f);
  }
  return f.format(money.amount / 100);
}
