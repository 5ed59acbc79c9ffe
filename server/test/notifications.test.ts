// The inbox: notificationAdded live over WebSocket, the notifications query (newest first,
// cursors, unreadOnly, unreadCount) and markNotificationsRead, each person's own only.
import { aCustomer, type Account } from './support/accounts';
import { startTestApp, codes, type TestApp } from './support/test-app';
import { subscribersOn, wsClient, type WsClient } from './realtime-client';

const NOTIFICATIONS = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    edges { cursor node { id type title body bookingId readAt createdAt } }
    pageInfo { hasNextPage endCursor }
    totalCount unreadCount
  }
}`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
const NOTIFICATION_ADDED = `subscription { notificationAdded { id type title body bookingId readAt createdAt } }`;

interface NotificationData {
  id: string;
  type: string;
  title: string;
  readAt: string | null;
}

let t: TestApp;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => t.stop());

const notify = (to: Account, title: string) =>
  t.app.services.notifications.notify({ userId: to.id, type: 'PAYMENT_SUCCEEDED', title, body: `${title}, in detail` });

/** A notification written a given number of seconds ago, so the order is certain. */
const noticeAgo = (to: Account, title: string, seconds: number) =>
  t.app.infra.prisma.notification.create({
    data: { userId: to.id, type: 'BOOKING_CONFIRMED', title, body: title, createdAt: new Date(Date.now() - seconds * 1000) },
  });

async function inbox(who: Account, variables: Record<string, unknown> = {}) {
  const r = await t.gql(NOTIFICATIONS, variables, { token: who.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.notifications;
}

describe('notifications', () => {
  it('delivers a new notification to its owner only, live', async () => {
    const [ada, bo] = [await aCustomer(t), await aCustomer(t)];
    const before = t.app.services.changeFeed.feed.subscribers();
    const adas = wsClient(t, ada.token);
    const bos = wsClient(t, bo.token);
    clients.push(adas, bos);
    const toAda = adas.subscribe<NotificationData>(NOTIFICATION_ADDED);
    const toBo = bos.subscribe<NotificationData>(NOTIFICATION_ADDED);
    await subscribersOn(t, before + 2);

    await notify(ada, 'Booking confirmed');
    await notify(bo, 'Payment received');
    await notify(ada, 'Booking reminder');

    expect((await toAda.received(2)).map((n) => [n.title, n.readAt])).toEqual([
      ['Booking confirmed', null],
      ['Booking reminder', null],
    ]);
    expect((await toBo.received(1)).map((n) => n.title)).toEqual(['Payment received']);
    expect(toBo.events).toHaveLength(1);
  });

  it('lists the inbox newest first in pages, counts the unread and marks read what is asked', async () => {
    const [ada, bo] = [await aCustomer(t), await aCustomer(t)];
    for (const [i, title] of ['one', 'two', 'three', 'four', 'five'].entries()) await noticeAgo(ada, title, 10 - i);
    await noticeAgo(bo, 'not yours', 1);

    const page1 = await inbox(ada, { first: 2 });
    expect(page1.edges.map((e: { node: NotificationData }) => e.node.title)).toEqual(['five', 'four']);
    expect(page1).toMatchObject({ totalCount: 5, unreadCount: 5, pageInfo: { hasNextPage: true } });
    const page2 = await inbox(ada, { first: 2, after: page1.pageInfo.endCursor });
    expect(page2.edges.map((e: { node: NotificationData }) => e.node.title)).toEqual(['three', 'two']);
    const page3 = await inbox(ada, { first: 2, after: page2.pageInfo.endCursor });
    expect(page3.edges.map((e: { node: NotificationData }) => e.node.title)).toEqual(['one']);
    expect(page3.pageInfo.hasNextPage).toBe(false);

    // Someone else's id changes nothing; two of Ada's are marked.
    const bosId = (await inbox(bo)).edges[0].node.id;
    const [five, four] = page1.edges.map((e: { node: NotificationData }) => e.node.id);
    expect((await t.gql(MARK_READ, { ids: [five, four, bosId] }, { token: ada.token })).data).toEqual({ markNotificationsRead: 2 });
    expect((await t.gql(MARK_READ, { ids: [five] }, { token: ada.token })).data).toEqual({ markNotificationsRead: 0 });
    const unread = await inbox(ada, { unreadOnly: true });
    expect(unread.edges.map((e: { node: NotificationData }) => e.node.title)).toEqual(['three', 'two', 'one']);
    expect(unread).toMatchObject({ totalCount: 3, unreadCount: 3 });
    expect((await inbox(ada)).edges[0].node.readAt).not.toBeNull();

    // null: all of them.
    expect((await t.gql(MARK_READ, { ids: null }, { token: ada.token })).data).toEqual({ markNotificationsRead: 3 });
    expect(await inbox(ada, { unreadOnly: true })).toMatchObject({ totalCount: 0, unreadCount: 0, edges: [] });
    expect(await inbox(bo)).toMatchObject({ totalCount: 1, unreadCount: 1 });
  });

  it('refuses strangers, bad ids and bad cursors with contract codes', async () => {
    const ada = await aCustomer(t);
    expect(codes(await t.gql(NOTIFICATIONS, {}))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(MARK_READ, { ids: null }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(MARK_READ, { ids: ['nope'] }, { token: ada.token }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(NOTIFICATIONS, { after: 'garbage' }, { token: ada.token }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(NOTIFICATIONS, { first: 500 }, { token: ada.token }))).toEqual(['BAD_USER_INPUT']);
    const anonymous = wsClient(t);
    clients.push(anonymous);
    expect((await anonymous.subscribe(NOTIFICATION_ADDED).failed()).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
