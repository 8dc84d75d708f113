import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sealPayload, signHeader } from '@cds/envelope';
import { generateX25519Identity } from '@cds/crypto';
import { readPublicKeys, unlockKeyring } from '@cds/keys';
import { openNodeServices } from '@cds/node';
import { createIdGenerator } from '@cds/platform';
import { runCliFast as runCli } from './testing/cli-harness.js';

const root = await mkdtemp(join(tmpdir(), 'cds-envelope-cli-'));
const env = { CDS_DATA_DIR: root, CDS_TEST_HOOKS: '1', CDS_TEST_SCRYPT_LOGN: '10' };

describe('cds envelope inspect', () => {
  it('shows the header, verifies its signature with the node keys, and checks the payload digest', async () => {
    process.env['CDS_TEST_HOOKS'] = '1';
    process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
    await runCli(
      ['node', 'init', '--party', '123456', '--role', 'school', '--hub', 'http://127.0.0.1:9'],
      env,
    );
    await writeFile(join(root, 'sk'), 'Inspect-School-Key-1\n');
    expect(
      (await runCli(['keys', 'init', '--party', '123456', '--school-key-file', join(root, 'sk')], env)).code,
    ).toBe(0);

    const services = await openNodeServices(join(root, '123456'));
    const unlocked = await unlockKeyring(services.keys, Buffer.from('Inspect-School-Key-1'), 'test');
    const own = (await readPublicKeys(services.keys.paths.publicKeys))!.keys[0]!;
    await services.close();
    const content = randomBytes(5000);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const id = createIdGenerator().next();
    const recipient = generateX25519Identity();
    const sealed = sealPayload({
      messageId: id,
      sender: { kid: unlocked.current.kid, privateJwk: unlocked.current.ed25519, ageRecipient: own.x25519 },
      recipients: [recipient.recipient],
      attachments: [
        {
          displayName: '報告.csv',
          mediaType: 'text/csv',
          size: content.length,
          sha256,
          open: () => Readable.from([content]),
        },
      ],
    });
    const dir = join(root, id);
    await mkdir(dir);
    await pipeline(sealed.stream, createWriteStream(join(dir, 'payload.age')));
    const digest = await sealed.done;
    const header = await signHeader(
      {
        id,
        from: '123456',
        to: ['EDB'],
        subject: 'STU',
        type: 'SUB',
        priority: 'NORMAL',
        encryptionLevel: 'RESTRICTED',
        description: '表格 A – 學生離校',
        schoolReference: null,
        replyDeadline: null,
        replyTo: null,
        sealedAt: Date.now(),
        senderKid: unlocked.current.kid,
        recipientKids: { EDB: '0123456789abcdef' },
        payloadSize: digest.size,
        payloadSha256: digest.sha256,
      },
      { kid: unlocked.current.kid, privateJwk: unlocked.current.ed25519 },
    );
    await writeFile(join(dir, 'header.jws'), header);

    const verified = await runCli(['--json', 'envelope', 'inspect', dir, '--node', '123456'], env);
    expect(verified.code, verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report.header).toMatchObject({
      id,
      from: '123456',
      to: ['EDB'],
      description: '表格 A – 學生離校',
    });
    expect(report.headerSignature).toBe('verified');
    expect(report.payload).toMatchObject({
      size: digest.size,
      sha256: digest.sha256,
      matchesHeader: true,
      recipients: ['X25519', 'X25519'],
    });
    expect(verified.stdout).not.toContain('報告.csv');

    const unknown = JSON.parse(
      (await runCli(['--json', 'envelope', 'inspect', join(dir, 'header.jws')], env)).stdout,
    );
    expect(unknown.headerSignature).toMatch(/^not verified/);

    const bytes = await readFile(join(dir, 'payload.age'));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    await writeFile(join(dir, 'payload.age'), bytes);
    const tampered = JSON.parse(
      (await runCli(['--json', 'envelope', 'inspect', dir, '--node', '123456'], env)).stdout,
    );
    expect(tampered.payload.matchesHeader).toBe(false);

    const forged = header.slice(0, -4) + (header.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await writeFile(join(dir, 'header.jws'), forged);
    const bad = JSON.parse(
      (await runCli(['--json', 'envelope', 'inspect', dir, '--node', '123456'], env)).stdout,
    );
    expect(bad.headerSignature).toMatch(/^INVALID: envelope\./);
  });
});
