/**
 * @cds/bundle: offline export/import bundles (SPEC §5) — a zip of manifest.json, its detached
 * signature manifest.jws and per message the routing header and the age payload, written in one
 * streaming pass and read by a reader that checks every claim a hostile zip can make.
 */
export * from './limits.js';
export {
  bundleManifestSchema,
  bundleMessageSchema,
  parseManifest,
  serialiseManifest,
  type BundleManifest,
  type BundleMessage,
} from './manifest.js';
export { manifestSignerKid, signManifest, verifyManifest, type BundleSigner } from './manifest-jws.js';
export { openZip, type ZipEntry, type ZipIndex, type ZipLimits } from './read-zip.js';
export { checkDestination, openBundle, verifyBundleSignature, type OpenedBundle } from './read-bundle.js';
export { writeBundle, type BundleSource, type WriteBundleInput, type WrittenBundle } from './write-bundle.js';
