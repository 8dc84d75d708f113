import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { latinProse, type AppError } from '@cds/domain';
import { decryptBuffer, encryptBuffer, parseIdentityFile } from '@cds/crypto';
import { changeSchoolKey } from './change-school-key.js';
import { exportIdentities } from './export-identities.js';
import { initKeyring } from './init-keyring.js';
import { readPublicKeys, statementOf } from './public-keys.js';
import { recoverKeyring } from './recover-keyring.js';
import { rotateTransportKey } from './rotate-transport-key.js';
import { showKeys } from './show-keys.js';
import { verifyKeyStatement } from './statement.js';
import { readTransportKey } from './transport-key.js';
import { unlockKeyring } from './unlock-keyring.js';
import { DAY, T0, key, keysFixture, type KeysFixture } from './testing/keys-fixture.js';
import { compactVerify, importJWK } from 'jose';

const OLD = 'Old-School-Key-2026';
const NEW = 'New-School-Key-2026';
let fx: KeysFixture;
afterEach(async () => fx.close());

async function init(): Promise<void> {
  fx = await keysFixture();
  await initKeyring(fx.context, key(OLD), 'head');
}

describe('keys init', () => {
  it('creates the keyring, a self-signed statement, the transport key (0600) and a history row', async () => {
    await init();
    const view = await showKeys(fx.context);
    expect(view.keys).toHaveLength(1);
    expect(view.keys[0]).toMatchObject({
      current: true,
      validFrom: T0,
      validTo: T0 + 365 * DAY,
      validity: { state: 'valid' },
    });
    expect(view.keys[0]?.ageRecipient).toMatch(/^age1/);
    expect((await stat(fx.context.paths.transportKey)).mode & 0o777).toBe(0o600);
    expect((await stat(fx.context.paths.keyring)).mode & 0o777).toBe(0o600);
    const published = await readPublicKeys(fx.context.paths.publicKeys);
    const statement = await verifyKeyStatement(statementOf(published!.keys[0]!));
    expect(statement).toMatchObject({
      party: '123456',
      previousKid: null,
      recovery: false,
      kid: view.keys[0]?.kid,
    });
    const history = await fx.repos.keyChanges.list();
    expect(history).toEqual([
      expect.objectContaining({ user: 'head', kid: view.keys[0]?.kid, reason: 'initial key' }),
    ]);
    expect(JSON.stringify(history)).not.toMatch(/AGE-SECRET|"d"/);
    expect(await readFile(fx.context.paths.keyring, 'latin1')).not.toContain('AGE-SECRET');
  });

  it('refuses a second init and weak School Keys with a reason each', async () => {
    await init();
    await expect(initKeyring(fx.context, key(NEW), 'head')).rejects.toMatchObject({
      code: 'key.keyring_exists',
    });
    const fresh = await keysFixture('654321');
    const cases: Array<[string, RegExp, RegExp]> = [
      ['short-1', /school_key\.too_short/, /最少要有 12 個字元（現有 7 個）/],
      ['aaaaaaaaaaaaaaaa', /school_key\.few_characters/, /最少要有 4 個不同的字元/],
      ['abcdefghijklmnop', /school_key\.no_mix/, /要混合使用字母與數字或符號/],
      ['password1234', /school_key\.common/, /不可使用常見的密碼/],
      [' Leading-space-1', /school_key\.spaces/, /開頭及結尾不可有空格/],
      ['Demo-Key-654321-2026', /school_key\.demo_key/, /不可使用公開的示範學校密碼匙/],
    ];
    for (const [weak, reason, zh] of cases) {
      const error = await initKeyring(fresh.context, key(weak), 'head').catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'key.weak_school_key',
        details: { reason: expect.stringMatching(reason) },
      });
      expect((error as AppError).messageIn('zh-HK')).toMatch(zh);
      expect(latinProse((error as AppError).messageIn('zh-HK'))).toBeNull();
    }
    await expect(stat(fresh.context.paths.keyring)).rejects.toThrow();
    await fresh.close();
  });

  it('accepts the published demo School Key only when the demo allows it', async () => {
    fx = await keysFixture('654321');
    const demo = { ...fx.context, policy: { ...fx.context.policy, allowDemoKeys: true } };
    await expect(initKeyring(demo, key('Demo-Key-654321-2026'), 'head')).resolves.toBeDefined();
  });
});

describe('unlock and lockout', () => {
  it('opens with the right School Key and zeroes the buffer', async () => {
    await init();
    const secret = key(OLD);
    const unlocked = await unlockKeyring(fx.context, secret, 'head');
    expect(unlocked.identities).toHaveLength(1);
    expect(secret.every((byte) => byte === 0)).toBe(true);
  });

  it('locks School Key use for 15 minutes after five wrong keys within 15 minutes', async () => {
    await init();
    for (let i = 0; i < 5; i += 1) {
      await expect(unlockKeyring(fx.context, key(`Wrong-Key-${i}-xx`), 'staff')).rejects.toMatchObject({
        code: 'key.wrong_school_key',
      });
      fx.clock.advance(60_000);
    }
    await expect(unlockKeyring(fx.context, key(OLD), 'head')).rejects.toMatchObject({ code: 'key.locked' });
    expect(await fx.repos.securityEvents.list({ kind: 'key.locked' })).toHaveLength(1);
    // The fifth wrong key came at minute 4, so the lock holds until minute 19 and not a moment less.
    fx.clock.advance(13 * 60_000);
    await expect(unlockKeyring(fx.context, key(OLD), 'head')).rejects.toMatchObject({ code: 'key.locked' });
    fx.clock.advance(60_000);
    await expect(unlockKeyring(fx.context, key(OLD), 'head')).resolves.toBeDefined();
  });

  it('does not lock when the wrong keys are spread over more than 15 minutes, and a success resets the count', async () => {
    await init();
    for (let i = 0; i < 4; i += 1)
      await expect(unlockKeyring(fx.context, key('Wrong-Key-xx-1'), 'staff')).rejects.toThrow();
    fx.clock.advance(16 * 60_000);
    await expect(unlockKeyring(fx.context, key('Wrong-Key-xx-1'), 'staff')).rejects.toMatchObject({
      code: 'key.wrong_school_key',
    });
    await expect(unlockKeyring(fx.context, key(OLD), 'head')).resolves.toBeDefined();
    for (let i = 0; i < 4; i += 1)
      await expect(unlockKeyring(fx.context, key('Wrong-Key-xx-1'), 'staff')).rejects.toMatchObject({
        code: 'key.wrong_school_key',
      });
    await expect(unlockKeyring(fx.context, key(OLD), 'head')).resolves.toBeDefined();
  });

  it('runs one unlock at a time in a process', async () => {
    await init();
    let active = 0;
    let peak = 0;
    const attempt = async (): Promise<void> => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active -= 1;
    };
    await Promise.all([1, 2, 3].map(() => fx.context.guard.run('head', attempt)));
    expect(peak).toBe(1);
  });
});

describe('change School Key', () => {
  it('refuses wrong current, mismatch, same and weak keys, each with its own code, changing nothing', async () => {
    await init();
    const before = await readFile(fx.context.paths.keyring);
    const attempts: Array<[string, string, string, string]> = [
      ['Not-The-Key-123', NEW, NEW, 'key.wrong_school_key'],
      [OLD, NEW, 'New-School-Key-2027', 'key.confirmation_mismatch'],
      [OLD, OLD, OLD, 'key.same_as_current'],
      [OLD, 'short', 'short', 'key.weak_school_key'],
    ];
    for (const [current, next, confirmation, code] of attempts) {
      await expect(
        changeSchoolKey(fx.context, {
          current: key(current),
          next: key(next),
          confirmation: key(confirmation),
          actor: 'head',
        }),
      ).rejects.toMatchObject({ code });
    }
    expect(await readFile(fx.context.paths.keyring)).toEqual(before);
    expect(await fx.repos.keyChanges.list()).toHaveLength(1);
  });

  it('re-encrypts under the new School Key, chains the statement and keeps old keys', async () => {
    await init();
    fx.clock.advance(DAY);
    const changed = await changeSchoolKey(fx.context, {
      current: key(OLD),
      next: key(NEW),
      confirmation: key(NEW),
      actor: 'head',
      reason: 'yearly change',
    });
    await expect(unlockKeyring(fx.context, key(OLD), 'head')).rejects.toMatchObject({
      code: 'key.wrong_school_key',
    });
    const unlocked = await unlockKeyring(fx.context, key(NEW), 'head');
    expect(unlocked.keyring.keys).toHaveLength(2);
    expect(unlocked.current.kid).toBe(changed.kid);
    const published = (await readPublicKeys(fx.context.paths.publicKeys))!.keys;
    const [first, second] = published;
    await expect(
      verifyKeyStatement(statementOf(second!), { kid: first!.kid, ed25519: first!.ed25519 }),
    ).resolves.toMatchObject({ previousKid: first!.kid });
    // A statement that does not follow the key it claims to is refused.
    await expect(
      verifyKeyStatement(statementOf(first!), { kid: second!.kid, ed25519: second!.ed25519 }),
    ).rejects.toMatchObject({ code: 'key.statement_invalid' });
    expect((await fx.repos.keyChanges.list())[0]).toMatchObject({
      kid: changed.kid,
      reason: 'yearly change',
      validFrom: T0 + DAY,
    });
  });

  it('after two changes the newest School Key lists identities that open files sealed to all three key pairs', async () => {
    await init();
    const recipients = [(await showKeys(fx.context)).keys[0]!.ageRecipient];
    const keys = [OLD, NEW, 'Third-School-Key-2028'];
    for (let i = 1; i < keys.length; i += 1) {
      fx.clock.advance(DAY);
      await changeSchoolKey(fx.context, {
        current: key(keys[i - 1]!),
        next: key(keys[i]!),
        confirmation: key(keys[i]!),
        actor: 'head',
      });
      recipients.push((await showKeys(fx.context)).keys[0]!.ageRecipient);
    }
    const identities = parseIdentityFile(await exportIdentities(fx.context, key(keys[2]!), 'head')).map(
      (identity) => ({ kind: 'x25519' as const, identity }),
    );
    expect(identities).toHaveLength(3);
    for (const [index, recipient] of recipients.entries()) {
      const sealed = await encryptBuffer([{ kind: 'x25519', recipient }], Buffer.from(`message ${index}`));
      expect((await decryptBuffer(identities, sealed)).toString()).toBe(`message ${index}`);
    }
    expect(await fx.repos.securityEvents.list({ kind: 'key.identity_exported' })).toHaveLength(1);
  });
});

describe('validity and recovery', () => {
  it('reports 60/30/7-day warnings and expiry from the clock', async () => {
    await init();
    const state = async () => (await showKeys(fx.context)).keys[0]!.validity;
    expect(await state()).toEqual({ state: 'valid', daysLeft: 365 });
    fx.clock.set(T0 + 305 * DAY);
    expect(await state()).toEqual({ state: 'expiring', daysLeft: 60, threshold: 60 });
    fx.clock.set(T0 + 340 * DAY);
    expect(await state()).toMatchObject({ state: 'expiring', threshold: 30 });
    fx.clock.set(T0 + 364 * DAY);
    expect(await state()).toMatchObject({ state: 'expiring', daysLeft: 1, threshold: 7 });
    fx.clock.set(T0 + 365 * DAY);
    expect(await state()).toEqual({ state: 'expired', validTo: T0 + 365 * DAY });
  });

  it('recovers an expired key with an unchained statement, keeping the old keys', async () => {
    await init();
    await expect(
      recoverKeyring(fx.context, {
        current: key(OLD),
        next: key(NEW),
        confirmation: key(NEW),
        actor: 'head',
      }),
    ).rejects.toMatchObject({ code: 'key.recovery_not_needed' });
    fx.clock.set(T0 + 400 * DAY);
    const recovered = await recoverKeyring(fx.context, {
      current: key(OLD),
      next: key(NEW),
      confirmation: key(NEW),
      actor: 'head',
    });
    const unlocked = await unlockKeyring(fx.context, key(NEW), 'head');
    expect(unlocked.keyring.keys).toHaveLength(2);
    const record = (await readPublicKeys(fx.context.paths.publicKeys))!.keys.find(
      (k) => k.kid === recovered.kid,
    )!;
    expect(record).toMatchObject({ recovery: true, previousKid: null });
    expect(statementOf(record).signatures).toHaveLength(1);
  });

  it('recovers a lost School Key with a fresh keyring and sets the old file aside', async () => {
    await init();
    const old = await readFile(fx.context.paths.keyring);
    await recoverKeyring(fx.context, {
      current: null,
      next: key(NEW),
      confirmation: key(NEW),
      actor: 'head',
    });
    expect((await unlockKeyring(fx.context, key(NEW), 'head')).keyring.keys).toHaveLength(1);
    expect(await readFile(`${fx.context.paths.keyring}.lost-${T0}`)).toEqual(old);
    expect((await fx.repos.keyChanges.list())[0]?.reason).toBe('recovery after a lost School Key');
  });
});

describe('transport key', () => {
  it('rotates to a new key vouched for by the old one', async () => {
    await init();
    const before = await readTransportKey(fx.context.paths.transportKey);
    const rotated = await rotateTransportKey(fx.context, 'cdsadmin');
    const after = await readTransportKey(fx.context.paths.transportKey);
    expect(after.x).not.toBe(before.x);
    expect(rotated.previousKid).toBe(before.kid);
    const jws = (await readFile(fx.context.paths.transportRotation, 'utf8')).trim();
    const { payload } = await compactVerify(
      jws,
      await importJWK({ kty: 'OKP', crv: 'Ed25519', x: before.x }, 'EdDSA'),
    );
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      previousKid: before.kid,
      next: { x: after.x },
    });
    expect((await stat(fx.context.paths.transportKey)).mode & 0o777).toBe(0o600);
  });
});
