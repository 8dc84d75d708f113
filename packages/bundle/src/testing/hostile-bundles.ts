/**
 * The generator of malicious and broken bundles (SPEC §5's refusal list, and then some): each case
 * is a real bundle put back together with one thing wrong, and the reason a reader must give. The
 * bytes are made here at test time, so no binary is committed and each case reads as what it is.
 *
 * `stage` says who catches it: `zip` and `trust` are the bundle package's own checks (structure;
 * destination, signature and hashes), `message` needs the routing-header checks of the hub or node.
 */
import type { BaseBundle } from './base-bundle.js';
import { contentCases } from './hostile-content-cases.js';
import { kitOf, type HostileCase, type HostileOptions } from './hostile-kit.js';
import { zipCases } from './hostile-zip-cases.js';

export type { HostileCase, HostileOptions } from './hostile-kit.js';

export async function hostileBundles(base: BaseBundle, options: HostileOptions): Promise<HostileCase[]> {
  const kit = await kitOf(base, options);
  const cases = [...(await contentCases(kit)), ...zipCases(kit)];
  return cases.map((entry) => ({ ...entry, stage: entry.stage ?? 'zip' }));
}
