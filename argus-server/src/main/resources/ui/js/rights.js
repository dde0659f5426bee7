// What the logged-in user may do (GET /api/v1/me's effective actions), asked once per session: links to pages the
// user has no right to are hidden. The server refuses those pages' calls anyway; this only spares the user a
// refusal.
import * as api from './api.js';

let asked = null;

/** Whether the user holds `action` (an action id: 'view-system'); false when it cannot be told. */
export async function can(action) {
  const token = api.token();
  if (!asked || asked.token !== token) {
    asked = { token, actions: api.get('/api/v1/me').then((me) => new Set(me.actions)) };
  }
  try {
    return (await asked.actions).has(action);
  } catch (e) {
    asked = null;
    return false;
  }
}
