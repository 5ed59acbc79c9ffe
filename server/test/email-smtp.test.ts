// The email outbox against a real SMTP server (smtp-server, started here): a payment
// notification arrives by email with the outbox's stable Message-ID and escaped HTML;
// when the server is down the outbox backs off and later delivers the same message;
// senders racing on one database (two app instances) send each message once.
// Real PostgreSQL: the race needs several connections.
import { aCustomer } from './support/accounts';
import { anOpenProvider, aHeldBooking } from './support/bookable';
import { pressOnPayPage, startPayment } from './support/payments';
import { startTestApp, type TestApp } from './support/test-app';
import { startSmtpSink, type SmtpSink } from './email-smtp-sink';

const SECOND = 1000;
let sink: SmtpSink;
let t: TestApp;

beforeAll(async () => {
  sink = await startSmtpSink();
  // The sender job would race the tests' own sendDue calls; here it practically never runs.
  t = await startTestApp({
    env: { SMTP_URL: sink.url, EMAIL_SEND_SECONDS: '3600', EMAIL_RETRY_BASE_SECONDS: '30', EMAIL_MAX_ATTEMPTS: '4' },
  });
});
afterEach(async () => {
  sink.refuseWith = null;
  sink.delayMs = 0;
  sink.received.length = 0;
  if (!sink.url) await sink.up();
  // Each test starts with an empty outbox.
  await t.app.infra.prisma.emailMessage.deleteMany();
});
afterAll(async () => {
  await t.stop();
  await sink.close();
});

async function eventually<T>(check: () => Promise<T | null>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rowOf = (id: string) => t.app.infra.prisma.emailMessage.findUniqueOrThrow({ where: { id } });
const enqueue = (subject: string, to = 'someone@example.test') =>
  t.app.services.email.enqueue({ to, subject, text: `${subject}, in words` });

it('emails the payment notification to the customer by the job, with the stable Message-ID and the name escaped', async () => {
  // Its own app with the job running every second: nothing here calls sendDue.
  const live = await startTestApp({ env: { SMTP_URL: sink.url, EMAIL_SEND_SECONDS: '1' } });
  try {
    const shop = await anOpenProvider(live);
    const { customer, bookingId } = await aHeldBooking(live, shop);
    const evilName = '<script>alert("pwned")</script> & Co';
    await live.app.infra.prisma.user.update({ where: { id: customer.id }, data: { name: evilName } });
    const session = await startPayment(live, customer.token, bookingId);
    await pressOnPayPage(session.redirectUrl, 'success');

    const [first, second] = await sink.waitFor(2);
    const toCustomer = [first!, second!].find((m) => m.to.includes(customer.email))!;
    const row = await live.app.infra.prisma.emailMessage.findFirstOrThrow({ where: { to: customer.email } });
    expect(toCustomer.messageId).toBe(row.messageId);
    expect(row.messageId).toBe(`<${row.id}@127.0.0.1>`);
    expect(toCustomer.subject).toBe('Payment received — HomeSer');
    expect(toCustomer.text).toContain(`Hi ${evilName},`);
    expect(toCustomer.text).toContain(`/bookings/${bookingId}`);
    expect(toCustomer.html).toContain('Hi &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co,');
    expect(toCustomer.html).not.toContain('<script>');
    expect(toCustomer.html).toContain(`<a href="${live.url}/bookings/${bookingId}">`);
    expect(sink.received.some((m) => m.to.includes(shop.provider.email))).toBe(true);
    // The row is marked after the server's answer; give the job a moment to record it.
    const sent = await eventually(async () => {
      const r = await live.app.infra.prisma.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
      return r.status === 'SENT' ? r : null;
    });
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
  } finally {
    await live.stop();
  }
});

it('backs off while the SMTP server is down and sends the same message when it is back', async () => {
  await sink.down();
  const mail = await enqueue('Booking confirmed');
  const t0 = Date.now();

  expect(await t.app.services.emailSender.sendDue(new Date(t0))).toEqual({ sent: 0, retrying: 1, failed: 0 });
  let row = await rowOf(mail.id);
  expect(row).toMatchObject({ status: 'PENDING', attempts: 1 });
  expect(row.lastError).toMatch(/ECONNREFUSED/);
  expect(row.nextAttemptAt.getTime()).toBe(t0 + 30 * SECOND);

  // Not due yet: nothing is tried.
  expect(await t.app.services.emailSender.sendDue(new Date(t0 + 29 * SECOND))).toEqual({ sent: 0, retrying: 0, failed: 0 });
  expect((await rowOf(mail.id)).attempts).toBe(1);

  // Second try fails too; the wait doubles.
  const t1 = t0 + 30 * SECOND;
  expect(await t.app.services.emailSender.sendDue(new Date(t1))).toEqual({ sent: 0, retrying: 1, failed: 0 });
  row = await rowOf(mail.id);
  expect(row).toMatchObject({ status: 'PENDING', attempts: 2 });
  expect(row.nextAttemptAt.getTime()).toBe(t1 + 60 * SECOND);

  await sink.up();
  expect(await t.app.services.emailSender.sendDue(new Date(t1 + 60 * SECOND))).toEqual({ sent: 1, retrying: 0, failed: 0 });
  const [delivered] = await sink.waitFor(1);
  expect(delivered!.messageId).toBe(mail.messageId);
  expect(await rowOf(mail.id)).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
});

it('resends a message the server read but refused for now with the same Message-ID, so the copies are recognisable', async () => {
  sink.refuseWith = { code: 451, message: 'Try again later' };
  const mail = await enqueue('Refund completed');
  const t0 = Date.now();
  expect(await t.app.services.emailSender.sendDue(new Date(t0))).toMatchObject({ retrying: 1 });
  sink.refuseWith = null;
  expect(await t.app.services.emailSender.sendDue(new Date(t0 + 30 * SECOND))).toMatchObject({ sent: 1 });
  const copies = await sink.waitFor(2);
  expect(copies.map((m) => m.messageId)).toEqual([mail.messageId, mail.messageId]);
  expect(copies[0]!.headers.get('date')).toBe(copies[1]!.headers.get('date'));
});

it('gives up after the last attempt, and at once when the server refuses the message for good', async () => {
  sink.refuseWith = { code: 451, message: 'Try again later' };
  const retried = await enqueue('Payment failed');
  let now = Date.now();
  for (let attempt = 1; attempt <= 4; attempt++) {
    await t.app.services.emailSender.sendDue(new Date(now));
    now += 24 * 3600 * SECOND;
  }
  expect(await rowOf(retried.id)).toMatchObject({ status: 'FAILED', attempts: 4 });

  sink.refuseWith = { code: 550, message: 'No such mailbox' };
  const refused = await enqueue('Payment received', 'nobody@example.test');
  expect(await t.app.services.emailSender.sendDue(new Date(now))).toEqual({ sent: 0, retrying: 0, failed: 1 });
  const row = await rowOf(refused.id);
  expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
  expect(row.lastError).toMatch(/550/);
});

it('sends each message once when two app instances on one database race for the outbox', async () => {
  const other = await startTestApp({
    env: { DATABASE_URL: t.app.infra.config.database.url!, SMTP_URL: sink.url, EMAIL_SEND_SECONDS: '3600' },
  });
  try {
    sink.delayMs = 20; // each send takes a while, so the senders' batches overlap
    const customer = await aCustomer(t);
    const mails = await Promise.all(Array.from({ length: 35 }, (_, i) => enqueue(`Notice ${i}`, customer.email)));
    const senders = [
      t.app.services.emailSender,
      other.app.services.emailSender,
      t.app.services.emailSender,
      other.app.services.emailSender,
    ];
    const reports = await Promise.all(senders.map((s) => s.sendDue()));

    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(35);
    expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
    const ids = sink.received.map((m) => m.messageId);
    expect(ids).toHaveLength(35);
    expect(new Set(ids)).toEqual(new Set(mails.map((m) => m.messageId)));
    const rows = await t.app.infra.prisma.emailMessage.findMany();
    expect(rows.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
  } finally {
    await other.stop();
  }
});
