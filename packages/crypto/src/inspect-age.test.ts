import { describe, expect, it } from 'vitest';
import { encryptBuffer, generateX25519Identity, inspectAge, parseHeader } from './index.js';

describe('inspecting an age file without a key', () => {
  it('lists the stanza types of binary and armored files from a prefix', async () => {
    const recipients = [generateX25519Identity(), generateX25519Identity()].map((k) => ({
      kind: 'x25519' as const,
      recipient: k.recipient,
    }));
    const data = Buffer.alloc(200_000, 1);
    for (const armor of [false, true]) {
      const file = await encryptBuffer(recipients, data, { armor });
      const info = inspectAge(file.subarray(0, 4096));
      expect(info.armored).toBe(armor);
      expect(info.header.recipientTypes).toEqual(['X25519', 'X25519']);
      expect(info.header.stanzas[0]?.args).toHaveLength(1);
    }
    const scrypt = await encryptBuffer([{ kind: 'scrypt', passphrase: 'p', logN: 10 }], data);
    const header = parseHeader(scrypt);
    expect(header.recipientTypes).toEqual(['scrypt']);
    expect(scrypt.subarray(header.length - 1, header.length).toString()).toBe('\n');
    expect(scrypt.length - header.length).toBe(16 + data.length + 4 * 16); // nonce + 4 chunks' tags
  });

  it('names a prefix that is too short, or not age at all, as an invalid header', async () => {
    const file = await encryptBuffer(
      [{ kind: 'x25519', recipient: generateX25519Identity().recipient }],
      Buffer.alloc(1),
    );
    expect(() => inspectAge(file.subarray(0, 40))).toThrow(
      expect.objectContaining({ code: 'age.header_invalid' }),
    );
    expect(() => inspectAge(Buffer.from('PK\x03\x04 a zip file'))).toThrow(
      expect.objectContaining({ code: 'age.header_invalid' }),
    );
    expect(() => inspectAge(Buffer.from('-----BEGIN PGP MESSAGE-----\n'))).toThrow(
      expect.objectContaining({ code: 'age.armor_invalid' }),
    );
  });
});
