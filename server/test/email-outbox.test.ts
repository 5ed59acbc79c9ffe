// The embedded default (no SMTP_URL, PGlite): notifications become outbox rows that the
// sender marks SENT without leaving the machine, and admins read them in `emails`,
// newest first, by status, in pages. Nobody else may.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';

const EMAILS = `query($status: EmailStatus, $first: Int, $after: String) {
  emails(status: $status, first: $first, after: $after) {
    edges { cursor node { id to subject text status attempts createdAt sentAt } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

interface EmailNode {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  attempts: number;
  sentAt: string | null;
}

let t: TestApp;
let admin: Account;

beforeAll(async () => {
  t = await startTestApp({ embedded: true, env: { EMAIL_SEND_SECONDS: '3600' } });
  admin = await anAdmin(t);
});
beforeEach(() => t.app.infra.prisma.emailMessage.deleteMany());
afterAll(() => t.stop());

async function emails(variables: Record<string, unknown> = {}) {
  const r = await t.gql(EMAILS, variables, { token: admin.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.emails as {
    edges: { cursor: string; node: EmailNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

const subjects = (page: Awaited<ReturnType<typeof emails>>) => page.edges.map((e) => e.node.subject);

/** An outbox row written a given number of seconds ago, so the order is certain. */
const mailAgo = (subject: string, seconds: number, status: 'PENDING' | 'SENT' | 'FAILED' = 'SENT') =>
  t.app.infra.prisma.emailMessage.create({
    data: {
      messageId: `<${subject.replace(/\W/g, '')}-${Date.now()}@test>`,
      to: 'a@example.test',
      subject,
      text: subject,
      status,
      createdAt: new Date(Date.now() - seconds * 1000),
    },
  });

it('keeps a notification email in the outbox and marks it SENT there, for admins to read', async () => {
  const ada = await aCustomer(t, { name: 'Ada <b>Lovelace</b>' });
  await t.app.services.notifications.notify({
    userId: ada.id,
    type: 'PAYMENT_SUCCEEDED',
    title: 'Booking confirmed',
    body: 'See you on Monday.',
  });

  const pending = await emails({ status: 'PENDING' });
  expect(pending.edges.map((e) => e.node)).toEqual([
    expect.objectContaining({ to: ada.email, subject: 'Booking confirmed — HomeSer', status: 'PENDING', attempts: 0, sentAt: null }),
  ]);
  expect(pending.edges[0]!.node.text).toBe('Hi Ada <b>Lovelace</b>,\n\nSee you on Monday.\n\n— HomeSer');
  const row = await t.app.infra.prisma.emailMessage.findFirstOrThrow({ where: { to: ada.email } });
  expect(row.html).toContain('Hi Ada &lt;b&gt;Lovelace&lt;/b&gt;,');

  expect(await t.app.services.emailSender.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  const sent = await emails({ status: 'SENT' });
  expect(sent.edges.map((e) => e.node)).toEqual([
    expect.objectContaining({ to: ada.email, status: 'SENT', attempts: 1, sentAt: expect.any(String) }),
  ]);
  expect((await emails({ status: 'PENDING' })).totalCount).toBe(0);
});

it('still notifies in the app when the stored address cannot take an email', async () => {
  const bo = await aCustomer(t);
  await t.app.infra.prisma.user.update({ where: { id: bo.id }, data: { email: `bo-${bo.id}` } });
  await t.app.services.notifications.notify({ userId: bo.id, type: 'PAYMENT_FAILED', title: 'Payment failed', body: 'Try again.' });
  expect(await t.app.infra.prisma.notification.count({ where: { userId: bo.id } })).toBe(1);
  expect(await t.app.infra.prisma.emailMessage.count()).toBe(0);
});

it('writes one message for one dedupe key, with a Message-ID made from its id and the public host', async () => {
  const mail = { to: 'bo@example.test', subject: 'Your receipt', text: 'Thanks', dedupeKey: 'receipt:HS123' };
  const [a, b] = await Promise.all([t.app.services.email.enqueue(mail), t.app.services.email.enqueue(mail)]);
  expect(a.id).toBe(b.id);
  expect(a.messageId).toBe(`<${a.id}@127.0.0.1>`);
  expect(await t.app.infra.prisma.emailMessage.count()).toBe(1);
  const other = await t.app.services.email.enqueue({ ...mail, dedupeKey: 'receipt:HS124' });
  expect(other.id).not.toBe(a.id);
});

it('lists the outbox newest first in pages, filtered by status', async () => {
  for (const [i, subject] of ['one', 'two', 'three', 'four', 'five'].entries()) await mailAgo(subject, 10 - i, i % 2 ? 'FAILED' : 'SENT');

  const page1 = await emails({ first: 2 });
  expect(subjects(page1)).toEqual(['five', 'four']);
  expect(page1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
  const page2 = await emails({ first: 2, after: page1.pageInfo.endCursor });
  expect(subjects(page2)).toEqual(['three', 'two']);
  const page3 = await emails({ first: 2, after: page2.pageInfo.endCursor });
  expect(subjects(page3)).toEqual(['one']);
  expect(page3.pageInfo).toEqual({ hasNextPage: false, endCursor: page3.edges[0]!.cursor });

  const failed = await emails({ status: 'FAILED', first: 1 });
  expect(subjects(failed)).toEqual(['four']);
  expect(failed.totalCount).toBe(2);
  expect(subjects(await emails({ status: 'FAILED', after: failed.pageInfo.endCursor }))).toEqual(['two']);
});

it('is for admins only, and refuses bad pages with contract codes', async () => {
  const casey = await aCustomer(t);
  expect(codes(await t.gql(EMAILS, {}))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await t.gql(EMAILS, {}, { token: casey.token }))).toEqual(['FORBIDDEN']);
  expect(codes(await t.gql(EMAILS, { after: 'garbage' }, { token: admin.token }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await t.gql(EMAILS, { first: 101 }, { token: admin.token }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await t.gql(EMAILS, { status: 'LOST' }, { token: admin.token }))).toEqual(['BAD_USER_INPUT']);
});

const RETRY = `mutation($id: ID!) { retryEmail(id: $id) { id status attempts lastError sentAt } }`;

it('lets an admin send a failed email again, with a fresh set of attempts, and shows why it failed', async () => {
  const failed = await mailAgo('Your receipt', 60, 'FAILED');
  await t.app.infra.prisma.emailMessage.update({ where: { id: failed.id }, data: { attempts: 8, lastError: '550 mailbox full' } });
  const listed = await t.gql(`query { emails(status: FAILED) { edges { node { id lastError } } } }`, {}, { token: admin.token });
  expect(listed.data?.emails.edges).toEqual([{ node: { id: failed.id, lastError: '550 mailbox full' } }]);

  const r = await t.gql(RETRY, { id: failed.id }, { token: admin.token });
  expect(r.data?.retryEmail).toEqual({ id: failed.id, status: 'PENDING', attempts: 0, lastError: '550 mailbox full', sentAt: null });
  expect(await t.app.services.emailSender.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  expect((await emails({ status: 'SENT' })).edges.map((e) => e.node)).toEqual([
    expect.objectContaining({ id: failed.id, status: 'SENT', attempts: 1, sentAt: expect.any(String) }),
  ]);
});

it('retries only failed emails, for admins only', async () => {
  const sent = await mailAgo('Delivered', 30, 'SENT');
  const failed = await mailAgo('Bounced', 20, 'FAILED');
  const casey = await aCustomer(t);
  expect(codes(await t.gql(RETRY, { id: failed.id }))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await t.gql(RETRY, { id: failed.id }, { token: casey.token }))).toEqual(['FORBIDDEN']);
  expect(codes(await t.gql(RETRY, { id: sent.id }, { token: admin.token }))).toEqual(['INVALID_TRANSITION']);
  expect(codes(await t.gql(RETRY, { id: '00000000-0000-4000-8000-000000000000' }, { token: admin.token }))).toEqual(['NOT_FOUND']);
  expect(codes(await t.gql(RETRY, { id: 'garbage' }, { token: admin.token }))).toEqual(['BAD_USER_INPUT']);
  expect((await emails({ status: 'FAILED' })).edges.map((e) => e.node.id)).toEqual([failed.id]);
  // A second press while the first retry waits changes nothing.
  expect((await t.gql(RETRY, { id: failed.id }, { token: admin.token })).data?.retryEmail.status).toBe('PENDING');
  expect(codes(await t.gql(RETRY, { id: failed.id }, { token: admin.token }))).toEqual(['INVALID_TRANSITION']);
});
