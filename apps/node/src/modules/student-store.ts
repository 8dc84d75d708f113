import { createStudentStore } from '@cds/db';
import type { ModuleRecordStore, StudentStore } from '@cds/modules';
import type { NodeServices } from '../node-services.js';

const stores = new WeakMap<NodeServices, StudentStore & ModuleRecordStore>();

/** The Student module's store over the node's database (one per services object). */
export function studentStoreOf(services: NodeServices): StudentStore & ModuleRecordStore {
  let store = stores.get(services);
  if (!store) {
    store = createStudentStore(services.database.db);
    stores.set(services, store);
  }
  return store;
}
