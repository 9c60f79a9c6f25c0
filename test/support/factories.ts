import { hashSync } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { tokenHash } from '../../server/auth/sessions.ts';
import { newId } from '../../server/ids.ts';
import type { Role } from '../../schema/states.ts';
import type { TestApp } from './test-app.ts';

/**
 * Every generated text carries this probe: any test that shows it back also checks that citizens'
 * text is treated as text, never as markup.
 */
export const probe = '<script>alert("xss")</script>';

export const testPassword = 'test-pass-123';
// One real argon2 hash shared by every factory user: hashing per user would make tests slow.
const passwordHash = hashSync(testPassword);

let counter = 0;

export type TestUser = { id: string; cookie: string; login: string; displayName: string };

/**
 * Inserts a user with roles (scoped by organisation code) and signs them in. Returns at once; the
 * insert is one write the app's next request (or `query(t)`) waits for (test-app.ts).
 */
export function makeUser(
  t: TestApp,
  options: {
    roles?: { role: Role; org?: string; addressee?: string }[];
    displayName?: string;
  } = {},
): TestUser {
  counter += 1;
  const s = t.services;
  const id = newId('usr', t.clock.now());
  const login = `1390000${String(counter).padStart(4, '0')}`;
  const displayName = options.displayName ?? `网友${counter}${probe}`;
  const now = t.clock.now();
  const token = randomBytes(32).toString('base64url');
  const grants = (options.roles ?? [])
    .filter((r) => r.role !== 'netizen')
    .map((r) => ({
      role: r.role,
      orgId: r.org ? s.orgs.getByCode(r.org)!.id : '',
      addresseeId: r.addressee ? s.addressees.getByKey(r.addressee)!.id : '',
    }));
  t.defer(
    s.store.write(async (tx) => {
      await tx.accounts.insertUser({
        id,
        phone: login,
        email: null,
        passwordHash,
        displayName,
        createdAt: now,
      });
      await tx.accounts.grantRole(id, 'netizen', '');
      for (const g of grants) await tx.accounts.grantRole(id, g.role, g.orgId, g.addresseeId);
      const expiresAt = now + s.config.HUIYIN_SESSION_DAYS * 86_400_000;
      await tx.accounts.createSession(tokenHash(token), id, now, expiresAt);
    }),
  );
  return { id, cookie: `hy_session=${token}`, login, displayName };
}

export const roleUser = (t: TestApp, role: Role, org?: string) =>
  makeUser(t, { roles: [{ role, ...(org ? { org } : {}) }] });

/** A member of a leader's office (领导办公室), serving the addressee with this key. */
export const officeUser = (t: TestApp, addressee: string) =>
  makeUser(t, { roles: [{ role: 'office', addressee }] });

// Distinct texts, so that factory submissions are not taken for a form letter of each other.
const bodies = [
  '许昌市魏都区某小区入冬以来暖气一直不热，屋里只有13度，恳请有关部门督促热力公司排查管网。',
  '小区门口的道路挖开三个月没人管，雨天全是泥水，老人孩子出门很不方便，希望尽快恢复路面。',
  '楼下烧烤店每天营业到凌晨两点，油烟和噪音严重影响居民休息，多次向城管反映没有结果。',
  '我们村的自来水经常停水，一停就是好几天，夏天用水特别困难，希望有关部门解决供水问题。',
  '孩子今年上小学，户籍在本片区却被划到很远的学校，每天接送要一个小时，请教育局核实。',
  '公交车站搬迁以后离小区有两公里，附近没有别的线路，老年人去医院看病非常不方便。',
  '单位一直没有给我们缴纳住房公积金，询问人事部门总是推脱，请人社和公积金中心督促。',
  '新建的垃圾中转站离居民楼不到五十米，夏天臭味很大，蚊蝇成群，希望重新选址或者加强管理。',
];

/** A valid leadership-board message; override any field. */
export function messageInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    title: `小区暖气不热${counter}${probe}`,
    body: `${bodies[counter % bodies.length]}编号${counter}。${probe}`,
    regionCode: '411002',
    topic: 'urban-construction',
    custom: { 'request-type': 'complaint' },
    showName: true,
    ...overrides,
  };
}

export async function submit(
  t: TestApp,
  user: TestUser,
  overrides: Record<string, unknown> = {},
  slug = 'leadership-board',
) {
  const res = await t.request('POST', `/api/campaigns/${slug}/submissions`, {
    cookie: user.cookie,
    body: messageInput(overrides),
  });
  if (res.status !== 201)
    throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.submission as { id: string; ref: string; status: string };
}

/** A submission that a reviewer has published. */
export async function publishedSubmission(
  t: TestApp,
  author: TestUser,
  overrides: Record<string, unknown> = {},
) {
  const sub = await submit(t, author, overrides);
  const reviewer = roleUser(t, 'reviewer');
  const res = await t.request('POST', `/api/submissions/${sub.id}/publish`, {
    cookie: reviewer.cookie,
  });
  if (res.status !== 200) throw new Error(`publish failed: ${res.status}`);
  return sub;
}
