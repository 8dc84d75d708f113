// After the servers answer: give every demo node its keyring (the published demo School Key), register
// all but 111111 with the hub, and issue 111111 a code for the 系統註冊 exercise. Idempotent.
import { join } from 'node:path';
import { DEMO_NODES, DEMO_PASSWORD, DEMO_USERS, demoSchoolKey } from './demo-participants.mjs';

export async function prepareDemoParticipants(repo, dataRoot, log) {
  const node = await import(join(repo, 'apps/node/dist/index.js'));
  const keys = await import(join(repo, 'packages/keys/dist/index.js'));
  const hub = await import(join(repo, 'apps/hub/dist/index.js'));
  const hubServices = await hub.openHubServices(join(dataRoot, 'hub'));
  const lines = [];
  try {
    for (const participant of DEMO_NODES) {
      const services = await node.openNodeServices(join(dataRoot, participant.party));
      try {
        const shown = await keys.showKeys(services.keys).catch(() => null);
        if (!shown) {
          await keys.initKeyring(services.keys, Buffer.from(demoSchoolKey(participant.party)), 'demo');
          log(`  keyring created for ${participant.party}`);
        }
        await seedDemoUsers(node, services, participant.party, log);
        const view = await keys.showKeys(services.keys);
        const registered = await node.registrationState(services);
        if (participant.unregistered) {
          if (!registered) {
            const issued = await hub.issueRegistrationCode(hubServices, {
              party: participant.party,
              name: participant.label,
            });
            lines.push(
              `  ${participant.party} is not registered; its registration code 註冊碼: ${issued.code}`,
            );
          }
        } else if (!registered) {
          const issued = await hub.issueRegistrationCode(hubServices, {
            party: participant.party,
            name: participant.label,
          });
          await node.registerNode(services, await node.hubClientFor(services), issued.code);
          log(`  ${participant.party} registered`);
        }
        if (participant.role === 'agency')
          lines.push(`  ${participant.party} key fingerprint 密碼匙指紋: ${view.keys[0].fingerprint}`);
      } finally {
        await services.close();
      }
    }
    lines.unshift(`  hub key fingerprint 中央伺服器密碼匙指紋: ${hubServices.hubKey.fingerprint}`);
  } finally {
    await hubServices.close();
  }
  return lines;
}

/** The demo logins of SPEC §11 on every node (the demo password is accepted only with CDS_DEMO=1). */
async function seedDemoUsers(node, services, party, log) {
  const auth = node.authContextOf(services);
  if ((await node.listUsers(auth)).length > 0) return;
  for (const user of DEMO_USERS) {
    await node.addUser(auth, {
      username: user.username,
      groups: [user.group],
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      actor: 'demo',
    });
  }
  log(`  demo users added to ${party}`);
}
