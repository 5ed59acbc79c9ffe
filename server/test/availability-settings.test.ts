// A provider's working hours and exceptions through the API: what is accepted, what is
// refused (and why), and that replacing every rule publishes one change event.
import { aCustomer } from './support/accounts';
import { aProvider, hm, hours, type TestProvider } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const SET = `mutation($input: AvailabilitySettingsInput!) {
  setAvailability(input: $input) { timeZone minNoticeMinutes maxAdvanceDays rules { id weekday startMinute endMinute } } }`;
const MINE = `query($from: String, $to: String) { myAvailability {
  timeZone minNoticeMinutes maxAdvanceDays rules { weekday startMinute endMinute }
  exceptions(from: $from, to: $to) { id date kind startMinute endMinute } } }`;
const ADD = `mutation($i: AvailabilityExceptionInput!) { addAvailabilityException(input: $i) { id date kind startMinute endMinute } }`;
const REMOVE = `mutation($id: ID!) { removeAvailabilityException(id: $id) }`;

const set = (p: TestProvider, input: object) => t.gql(SET, { input }, { token: p.account.token });

describe('setAvailability', () => {
  it('replaces every rule and the settings given, leaving the others as they were', async () => {
    const p = await aProvider(t, { zone: 'Asia/Dhaka' });
    await set(p, { rules: hours('08:00', '10:00'), minNoticeMinutes: 30 });
    const r = await set(p, {
      rules: [...hours('09:00', '12:00', [1]), ...hours('12:00', '17:00', [1])],
      timeZone: 'Europe/London',
      maxAdvanceDays: 30,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setAvailability).toMatchObject({ timeZone: 'Europe/London', minNoticeMinutes: 30, maxAdvanceDays: 30 });
    const mine = await t.gql(MINE, {}, { token: p.account.token });
    expect(mine.data!.myAvailability).toMatchObject({
      timeZone: 'Europe/London',
      minNoticeMinutes: 30,
      maxAdvanceDays: 30,
      rules: [
        { weekday: 1, startMinute: hm('09:00'), endMinute: hm('12:00') },
        { weekday: 1, startMinute: hm('12:00'), endMinute: hm('17:00') },
      ],
    });
  });

  it('stores the time zone as the tz database spells it (asia/kolkata → Asia/Kolkata)', async () => {
    const p = await aProvider(t, { zone: 'Asia/Dhaka' });
    const r = await set(p, { rules: [], timeZone: 'asia/kolkata' });
    expect(r.data!.setAvailability.timeZone).toBe('Asia/Kolkata');
    const mine = await t.gql(MINE, {}, { token: p.account.token });
    expect(mine.data!.myAvailability.timeZone).toBe('Asia/Kolkata');
  });

  it.each([
    [
      'overlapping ranges',
      { rules: [...hours('09:00', '12:00', [2]), ...hours('11:00', '13:00', [2])] },
      /overlap on Tuesday: 09:00–12:00 and 11:00–13:00/,
    ],
    [
      'an inverted range',
      { rules: [{ weekday: 1, startMinute: hm('12:00'), endMinute: hm('09:00') }] },
      /endMinute: must be after startMinute/,
    ],
    ['an empty range', { rules: [{ weekday: 1, startMinute: 600, endMinute: 600 }] }, /must be after startMinute/],
    ['a minute past midnight', { rules: [{ weekday: 1, startMinute: 600, endMinute: 1441 }] }, /0\.\.1440/],
    ['a weekday of 7', { rules: [{ weekday: 7, startMinute: 600, endMinute: 700 }] }, /Sunday/],
    ['an unknown time zone', { rules: [], timeZone: 'Mars/Olympus' }, /IANA time zone/],
    ['negative notice', { rules: [], minNoticeMinutes: -5 }, /minNoticeMinutes/],
    ['no advance at all', { rules: [], maxAdvanceDays: 0 }, /maxAdvanceDays/],
  ])('refuses %s with BAD_USER_INPUT and keeps the old rules', async (_name, input, message) => {
    const p = await aProvider(t);
    await set(p, { rules: hours('09:00', '10:00', [3]) });
    const r = await set(p, input);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toMatch(message);
    const mine = await t.gql(MINE, {}, { token: p.account.token });
    expect(mine.data!.myAvailability.rules).toEqual([{ weekday: 3, startMinute: hm('09:00'), endMinute: hm('10:00') }]);
  });

  it('publishes one change event for a whole week of rules', async () => {
    const p = await aProvider(t);
    const events = () => t.app.infra.prisma.changeEvent.count({ where: { providerId: p.id, tableName: 'availability' } });
    const before = await events();
    expect(codes(await set(p, { rules: [...hours('08:00', '12:00'), ...hours('13:00', '18:00')] }))).toEqual([]);
    expect((await events()) - before).toBe(1);
  });

  it('is for providers only', async () => {
    const customer = await aCustomer(t);
    const r = await t.gql(SET, { input: { rules: [] } }, { token: customer.token });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.errors![0]!.message).toMatch(/become a provider/);
    expect(codes(await t.gql(MINE, {}, { token: customer.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(SET, { input: { rules: [] } }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('availability exceptions', () => {
  it('adds whole-day and partial BLOCKED days and EXTRA hours, listed by local date', async () => {
    const p = await aProvider(t, { zone: 'Asia/Dhaka' });
    const add = (i: object) => t.gql(ADD, { i }, { token: p.account.token });
    const whole = await add({ date: '2027-01-10', kind: 'BLOCKED' });
    expect(whole.data!.addAvailabilityException).toMatchObject({ date: '2027-01-10', kind: 'BLOCKED', startMinute: null, endMinute: null });
    await add({ date: '2027-01-12', kind: 'BLOCKED', startMinute: hm('12:00'), endMinute: hm('14:00') });
    await add({ date: '2027-01-15', kind: 'EXTRA', startMinute: hm('18:00'), endMinute: hm('21:00') });
    const dates = async (from?: string, to?: string) =>
      (await t.gql(MINE, { from, to }, { token: p.account.token })).data!.myAvailability.exceptions.map((e: { date: string }) => e.date);
    expect(await dates()).toEqual(['2027-01-10', '2027-01-12', '2027-01-15']);
    expect(await dates('2027-01-11', '2027-01-15')).toEqual(['2027-01-12', '2027-01-15']);
    expect(await dates(undefined, '2027-01-11')).toEqual(['2027-01-10']);
    const bad = await t.gql(MINE, { from: '11/01/2027' }, { token: p.account.token });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['EXTRA hours without a range', { date: '2027-01-10', kind: 'EXTRA' }, /EXTRA hours need startMinute and endMinute/],
    ['half a range', { date: '2027-01-10', kind: 'BLOCKED', startMinute: 600 }, /both startMinute and endMinute/],
    ['an inverted range', { date: '2027-01-10', kind: 'BLOCKED', startMinute: 700, endMinute: 600 }, /must be after startMinute/],
    ['a date that does not exist', { date: '2027-02-30', kind: 'BLOCKED' }, /YYYY-MM-DD/],
  ])('refuses %s', async (_name, input, message) => {
    const p = await aProvider(t);
    const r = await t.gql(ADD, { i: input }, { token: p.account.token });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toMatch(message);
    expect(await t.app.infra.prisma.availabilityException.count({ where: { providerId: p.id } })).toBe(0);
  });

  it("removes the provider's own exceptions only", async () => {
    const [p, other] = [await aProvider(t), await aProvider(t)];
    const added = await t.gql(ADD, { i: { date: '2027-01-10', kind: 'BLOCKED' } }, { token: p.account.token });
    const id = added.data!.addAvailabilityException.id;
    expect(codes(await t.gql(REMOVE, { id }, { token: other.account.token }))).toEqual(['NOT_FOUND']);
    expect((await t.gql(REMOVE, { id }, { token: p.account.token })).data).toEqual({ removeAvailabilityException: true });
    expect(codes(await t.gql(REMOVE, { id }, { token: p.account.token }))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(REMOVE, { id: 'nope' }, { token: p.account.token }))).toEqual(['BAD_USER_INPUT']);
  });
});
