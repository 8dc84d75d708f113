/**
 * Heavy packages load only when a command needs them: `cds age encrypt` should not pay for Fastify,
 * PostgreSQL and pino at start-up (a whole second on the build machine).
 */
export const loadNode = () => import('@cds/node');
export const loadHub = () => import('@cds/hub');
export const loadKeys = () => import('@cds/keys');
export const loadDb = () => import('@cds/db');
export const loadCrypto = () => import('@cds/crypto');
export const loadPlatform = () => import('@cds/platform');
