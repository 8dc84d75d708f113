import type { NonceStore } from '../nonce-store.js';

/**
 * Tests only: a single process's memory cannot protect several hub instances. The clock is injected
 * because tests run the verifier at fixed instants far from the wall clock.
 */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();
  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  remember(keyid: string, nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.clock();
    for (const [entry, until] of this.seen) if (until < now) this.seen.delete(entry);
    const entry = JSON.stringify([keyid, nonce]);
    if (this.seen.has(entry)) return Promise.resolve(false);
    this.seen.set(entry, expiresAt);
    return Promise.resolve(true);
  }

  get size(): number {
    return this.seen.size;
  }
}
