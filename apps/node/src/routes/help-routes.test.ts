import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';

let fx: NodeAppFixture;
const as: Record<string, { cookie: string; origin: string }> = {};

beforeAll(async () => {
  fx = await nodeAppFixture();
  await fx.addUser('admin', ['SYSTEM_ADMIN']);
  await fx.addUser('staff', ['STAFF']);
  for (const user of ['admin', 'staff']) as[user] = await fx.login(user);
  await fx.services.repos.directory.apply(
    {
      keys: [
        {
          party: 'EDB',
          kid: 'k1',
          fingerprint: 'SHA256:edb-old',
          x25519: 'age1old',
          ed25519: { kty: 'OKP', crv: 'Ed25519', x: 'old' },
          validFrom: 1,
          validTo: 2,
          previousKid: null,
          trust: 'first',
          seq: 1,
        },
        {
          party: 'EDB',
          kid: 'k2',
          fingerprint: 'SHA256:edb-new',
          x25519: 'age1new',
          ed25519: { kty: 'OKP', crv: 'Ed25519', x: 'new' },
          validFrom: 10,
          validTo: Date.UTC(2027, 0, 1),
          previousKid: 'k1',
          trust: 'chained',
          seq: 2,
        },
      ],
      parties: [{ party: 'EDB', role: 'agency', revoked: false }],
    },
    { seq: 2, hash: 'h' },
  );
});
afterAll(() => fx?.close());

const help = async (user: string) =>
  (await fx.app.inject({ url: '/api/help', headers: as[user] })).json<{
    contacts: { websams: string; cds: string };
    agencies: { party: string; fingerprint: string; trust: string }[];
  }>();

describe('說明 (SPEC §6)', () => {
  it('gives every user the help desks (defaults of the original) and each agency’s newest key', async () => {
    expect(await help('staff')).toEqual({
      contacts: { websams: '2166 1150', cds: '3464 0550' },
      agencies: [
        {
          party: 'EDB',
          fingerprint: 'SHA256:edb-new',
          trust: 'chained',
          validTo: '2027-01-01T00:00:00.000Z',
        },
      ],
    });
  });

  it('the numbers are set with cds.settings; bad numbers and other users are refused', async () => {
    const put = (user: string, payload: object) =>
      fx.app.inject({ method: 'PUT', url: '/api/help/contacts', headers: as[user], payload });
    const refused = await put('staff', { websams: '2166 1150', cds: '1234 5678' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'auth.forbidden']);
    const bad = await put('admin', { websams: 'call us', cds: '1234 5678' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'validation.failed']);
    expect((await help('staff')).contacts.cds).toBe('3464 0550');
    expect((await put('admin', { websams: ' 2166 1150 ', cds: '3464 0551' })).statusCode).toBe(200);
    expect((await help('staff')).contacts).toEqual({ websams: '2166 1150', cds: '3464 0551' });
  });

  it('the login page reads the CDS help desk without a session, as set in 設定, and nothing more', async () => {
    const desk = async () => {
      const response = await fx.app.inject({ url: '/api/help/desk' });
      return [response.statusCode, response.json()];
    };
    const put = (payload: object) =>
      fx.app.inject({ method: 'PUT', url: '/api/help/contacts', headers: as['admin'], payload });
    expect((await put({ websams: '2166 1150', cds: '2891 0088' })).statusCode).toBe(200);
    expect(await desk()).toEqual([200, { cds: '2891 0088' }]);
    expect((await put({ websams: '2166 1150', cds: '3464 0550' })).statusCode).toBe(200);
    expect(await desk()).toEqual([200, { cds: '3464 0550' }]);
  });
});
