/**
 * @cds/crypto: age v1 (X25519, scrypt and post-quantum hybrid recipients, STREAM payload, ASCII armor)
 * on node:crypto, with ML-KEM-768 from @noble/post-quantum.
 */
export {
  generateX25519Identity,
  recipientOf,
  parseX25519Recipient,
  parseX25519Identity,
  parseIdentityFile,
  isX25519Recipient,
  isX25519Identity,
  type X25519KeyPair,
} from './x25519-keys.js';
export {
  generateHybridIdentity,
  hybridRecipientOf,
  parseHybridIdentity,
  parseHybridRecipient,
  type HybridKeyPair,
} from './hybrid-keys.js';
export { parseAgeIdentity, parseAgeRecipient } from './age-keys.js';
export {
  DEFAULT_MAX_SCRYPT_LOG_N,
  DEFAULT_SCRYPT_LOG_N,
  type Identity,
  type Recipient,
} from './age-recipients.js';
export { parseHeader, type AgeHeader, type Stanza } from './age-header.js';
export { inspectAge, type AgeFileInfo } from './inspect-age.js';
export { encryptStream, encryptBuffer, type EncryptOptions } from './encrypt-stream.js';
export { encryptFile } from './encrypt-file.js';
export { decryptStream, decryptBuffer, type DecryptOptions } from './decrypt-stream.js';
export { CHUNK_BYTES } from './age-stream.js';
