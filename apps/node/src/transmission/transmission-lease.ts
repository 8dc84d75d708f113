import { hostname } from 'node:os';
import { AppError } from '@cds/domain';
import type { NodeServices } from '../node-services.js';

export const TRANSMISSION_LEASE = 'transmission';
/** Renewed every third of this; a crashed cycle blocks the next one for at most this long. */
export const DEFAULT_LEASE_TTL_MS = 60_000;

export interface HeldLease {
  readonly holder: string;
  /** Throws transmission.lease_lost once a renewal found the lease in other hands. */
  check(): void;
  release(): Promise<void>;
}

/**
 * One cycle per node across all processes (SPEC §4): the lease row decides, and a second start is
 * told who holds it. The holder names the process so an operator can find it.
 */
export async function takeTransmissionLease(
  services: NodeServices,
  actor: string,
  ttlMs = DEFAULT_LEASE_TTL_MS,
): Promise<HeldLease> {
  const holder = `${actor} pid ${process.pid} on ${hostname()} (${services.keys.ids.next().slice(-8)})`;
  const leases = services.repos.leases;
  const taken = await leases.acquire(TRANSMISSION_LEASE, holder, services.keys.clock.now(), ttlMs);
  if (!taken.acquired) throw new AppError('transmission.already_running', { holder: taken.current.holder });

  let lost = false;
  const renewing = setInterval(
    () => {
      leases.renew(TRANSMISSION_LEASE, holder, services.keys.clock.now(), ttlMs).then(
        (renewed) => {
          if (!renewed) lost = true;
        },
        // A busy database is not a lost lease; the next renewal tries again well before expiry.
        () => undefined,
      );
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  renewing.unref();

  return {
    holder,
    check() {
      if (lost) throw new AppError('transmission.lease_lost', { holder: 'another process' });
    },
    async release() {
      clearInterval(renewing);
      await leases.release(TRANSMISSION_LEASE, holder);
    },
  };
}
