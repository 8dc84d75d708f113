/**
 * @cds/contracts: what the hub and the nodes exchange — the relay API's bodies and the signed
 * receipts, with the helpers that sign and verify those receipts. Both programs import these, so
 * a field can only change in one place.
 */
export * from './fields.js';
export * from './hub-api.js';
export * from './keys-api.js';
export * from './receipts.js';
export * from './receipt-jws.js';
export * from './bundle-api.js';
