/** Sealing vouches only for what was recorded: changed attachments and bad input never produce a payload. */
import { describe, expect, it } from 'vitest';
import { sealPayload } from './index.js';
import { attachment, collect, makeParty, newMessageId } from './testing/fixtures.js';

const school = makeParty('123456');
const edb = makeParty('EDB');

describe('sealing refuses what it cannot vouch for', () => {
  const content = Buffer.alloc(70_000, 0x42).fill(0x17, 0, 35_000);
  const sender = { kid: school.kid, privateJwk: school.privateJwk, ageRecipient: school.recipient };

  it.each([
    ['shorter than recorded', { content: content.subarray(0, 69_999) }, '69999 bytes, recorded 70000'],
    [
      'longer than recorded',
      { content: Buffer.concat([content, Buffer.from('x')]) },
      'longer than the recorded 70000 bytes',
    ],
    [
      'same size, other bytes',
      { content: Buffer.from(content).fill(1, 500, 501) },
      'SHA-256 differs from the recorded one',
    ],
  ])(
    'an attachment %s: envelope.attachment_changed, the stream errors and done rejects',
    async (_label, override, detail) => {
      const sealed = sealPayload({
        messageId: newMessageId(),
        sender,
        recipients: [edb.recipient],
        attachments: [
          attachment('ok.bin', Buffer.from('fine')),
          attachment('changed.bin', content, override),
        ],
      });
      const error = await collect(sealed.stream).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'envelope.attachment_changed', details: { index: 2, detail } });
      await expect(sealed.done).rejects.toMatchObject({ code: 'envelope.attachment_changed' });
    },
  );

  it.each([
    ['a message id that is not a UUIDv7', { messageId: 'not-an-id' }],
    ['no recipients', { recipients: [] }],
    ['a negative size', { attachments: [{ ...attachment('a', content), size: -1 }] }],
    ['a malformed SHA-256', { attachments: [{ ...attachment('a', content), sha256: 'ABC' }] }],
    ['a bad media type', { attachments: [{ ...attachment('a', content), mediaType: 'csv' }] }],
  ])('%s: validation.failed before anything is read', (_label, override) => {
    const call = () =>
      sealPayload({
        messageId: newMessageId(),
        sender,
        recipients: [edb.recipient],
        attachments: [],
        ...override,
      });
    expect(call).toThrow(expect.objectContaining({ code: 'validation.failed' }));
  });

  it('a recipient that is not an age1… key: age.recipient_invalid', () => {
    const call = () =>
      sealPayload({ messageId: newMessageId(), sender, recipients: ['age1nope'], attachments: [] });
    expect(call).toThrow(expect.objectContaining({ code: 'age.recipient_invalid' }));
  });

  it('a signing key without its private part fails the stream', async () => {
    const sealed = sealPayload({
      messageId: newMessageId(),
      sender: { ...sender, privateJwk: school.publicJwk },
      recipients: [edb.recipient],
      attachments: [],
    });
    await expect(collect(sealed.stream)).rejects.toMatchObject({ code: 'validation.failed' });
  });
});
