import type { FastifyRequest } from 'fastify';
import { pickLanguage } from '@cds/http';
import type { MessageOutcome } from '../messages/outcome.js';
import { sessionOf } from '../auth/http-auth.js';
import type { OutgoingActor } from '../messages/outgoing-access.js';

/** The logged-in user as the outgoing use cases take them. */
export function actorOf(request: FastifyRequest): OutgoingActor {
  const { user } = sessionOf(request);
  return { username: user.username, groups: user.groups };
}

/**
 * A multi-selection's outcomes as the web app shows them: per message, done (with its new status)
 * or refused with the code and the reason in the user's language.
 */
export function presentOutcomes(
  request: FastifyRequest,
  outcomes: readonly MessageOutcome<{ message?: { status: string } }>[],
) {
  const lang = pickLanguage(request.headers['accept-language']);
  return {
    outcomes: outcomes.map((outcome) =>
      outcome.ok
        ? { id: outcome.id, ok: true as const, status: outcome.message?.status ?? null }
        : {
            id: outcome.id,
            ok: false as const,
            error: {
              code: outcome.error.code,
              message: outcome.error.messageIn(lang),
              details: outcome.error.details,
            },
          },
    ),
  };
}

/** Outcomes of the messages a batch use case ran, in the order the user selected them. */
export function inSelectionOrder<T extends { readonly id: string }>(
  ids: readonly string[],
  found: readonly T[],
) {
  const byId = new Map(found.map((outcome) => [outcome.id, outcome]));
  return ids.map((id) => byId.get(id.trim().toLowerCase())).filter((o): o is T => o !== undefined);
}
