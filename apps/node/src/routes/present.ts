import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../auth/http-auth.js';

/** Times as ISO 8601 UTC, as everywhere a person or a script reads them (SPEC §11). */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Who did it, as the transmission routes name a web user (lease holder, CDS log, key history). */
export function actorOf(request: FastifyRequest): string {
  return `web:${sessionOf(request).user.username}`;
}
