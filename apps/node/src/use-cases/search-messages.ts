import { z } from 'zod';
import {
  AppError,
  INCOMING_STATUS_TABLE,
  MESSAGE_TYPES,
  OUTGOING_STATUS_TABLE,
  SUBJECTS,
  isPartyCode,
  parseCode,
  type Box,
  type IncomingStatus,
  type ListQuery,
  type OutgoingStatus,
} from '@cds/domain';
import { incomingView, outgoingView, type MessageSummary } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';

const DAY_MS = 86_400_000;
const HK_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A Hong Kong calendar day (SPEC §11: dates are YYYY-MM-DD, days are Asia/Hong_Kong; no DST there). */
const daySchema = z
  .string()
  .regex(HK_DATE, 'a date is YYYY-MM-DD')
  .transform((day, context) => {
    const start = Date.parse(`${day}T00:00:00+08:00`);
    if (Number.isNaN(start) || new Date(start + 8 * 3_600_000).toISOString().slice(0, 10) !== day) {
      context.addIssue({ code: 'custom', message: `${day} is not a date` });
      return z.NEVER;
    }
    return start;
  });

/**
 * The criteria of every list (SPEC §6): status, description contains, the other party, subject,
 * type and a range of Hong Kong days (both ends included), plus the archived flag and a page.
 */
export const messageSearchSchema = z.object({
  box: z.enum(['outgoing', 'incoming']),
  status: z.array(z.string()).max(10).readonly().optional(),
  archived: z.boolean().optional(),
  /** Free text in description, id, subject or party (a scan; fine for a few thousand rows). */
  text: z.string().max(200).optional(),
  description: z.string().trim().min(1).max(200).optional(),
  party: z
    .string()
    .refine((code) => isPartyCode(code), 'not a party code')
    .optional(),
  subject: z.string().optional(),
  type: z.string().optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  /** Outgoing only: the messages this user owns (the list of a user without `cds.outgoing.all`). */
  owner: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  after: z.string().min(1).max(512).nullable().optional(),
});

export type MessageSearch = z.input<typeof messageSearchSchema>;

export interface MessagePage {
  readonly items: readonly MessageSummary[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

/** Turns validated criteria into the repository query of one box; unknown codes are refused by name. */
export function listQueryOf(input: MessageSearch): { box: Box; query: ListQuery<string> } {
  const parsed = messageSearchSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation.failed', {
      detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    });
  }
  const c = parsed.data;
  const statuses = c.box === 'outgoing' ? OUTGOING_STATUS_TABLE : INCOMING_STATUS_TABLE;
  const query: ListQuery<string> = {
    ...(c.status ? { status: c.status.map((s) => parseCode(statuses, s.toUpperCase())) } : {}),
    ...(c.archived !== undefined ? { archived: c.archived } : {}),
    ...(c.text !== undefined ? { text: c.text } : {}),
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.party !== undefined ? { party: c.party } : {}),
    ...(c.subject !== undefined ? { subject: parseCode(SUBJECTS, c.subject.toUpperCase()) } : {}),
    ...(c.type !== undefined ? { type: parseCode(MESSAGE_TYPES, c.type.toUpperCase()) } : {}),
    ...(c.from !== undefined ? { from: c.from } : {}),
    ...(c.to !== undefined ? { to: c.to + DAY_MS } : {}),
    ...(c.owner !== undefined && c.box === 'outgoing' ? { owner: c.owner } : {}),
    ...(c.limit !== undefined ? { limit: c.limit } : {}),
    ...(c.after !== undefined ? { after: c.after } : {}),
  };
  return { box: c.box, query };
}

/**
 * One page of 寄發訊息 / 接收訊息 (or their archived lists) matching the criteria, newest first,
 * with the cursor of the next page: keyset paging, so page 500 costs what page 1 does.
 */
export async function searchMessages(services: NodeServices, input: MessageSearch): Promise<MessagePage> {
  const { box, query } = listQueryOf(input);
  if (box === 'outgoing') {
    const page = await services.repos.outgoing.list(query as ListQuery<OutgoingStatus>);
    return { items: page.items.map(outgoingView), next: page.next };
  }
  const page = await services.repos.incoming.list(query as ListQuery<IncomingStatus>);
  return { items: page.items.map(incomingView), next: page.next };
}
