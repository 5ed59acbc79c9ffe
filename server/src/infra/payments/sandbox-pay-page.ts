// The built-in sandbox's pay page. It says SANDBOX in large letters, because with
// PAYMENTS_SANDBOX=builtin it can face real people: nobody may think they paid.
import type { SandboxTransaction } from './sandbox-books';
import { taka } from './sandbox-signing';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function payPage(tx: SandboxTransaction): string {
  const closed = tx.status === 'EXPIRED';
  const done = tx.status !== 'PENDING';
  const state = closed
    ? '. This payment session is closed: the booking was cancelled, nothing can be paid here.'
    : done
      ? `, already ${tx.status}`
      : '';
  const button = (outcome: string, label: string) =>
    `<button name="outcome" value="${outcome}"${done ? ' disabled' : ''}>${label}</button>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>SANDBOX payment — not a real payment</title></head><body>
<p role="alert" style="background:#b00020;color:#fff;font:bold 1.6em sans-serif;padding:.6em;text-align:center">SANDBOX — NOT A REAL PAYMENT. No money moves.</p>
<h1>SSLCommerz sandbox</h1><p>${escapeHtml(tx.productName)}: <strong>${taka(tx.amount)} ${escapeHtml(tx.currency)}</strong>
(transaction ${escapeHtml(tx.tranId)})${state}</p>
<form method="post">${button('success', 'Pay')} ${button('fail', 'Fail')} ${button('cancel', 'Cancel')}</form>
<p>This page stands in for the gateway: this server has no SSLCommerz store configured.</p></body></html>`;
}
