import { readTestHook, type Env } from './test-hooks.js';

/**
 * A named crash point (SPEC §11, CDS_FAULT_POINT). Under test hooks, reaching the named point kills
 * the process at once with SIGKILL — no cleanup, no flush — the way a power cut would.
 */
export function faultPoint(name: string, env: Env = process.env): void {
  const wanted = readTestHook('CDS_FAULT_POINT', env);
  if (wanted !== undefined && wanted.split(',').includes(name)) process.kill(process.pid, 'SIGKILL');
}
