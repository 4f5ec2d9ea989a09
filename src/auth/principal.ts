import type { Actor } from '../audit/service.js';
import type { Role } from './permissions.js';

/** Who is calling: a signed-in user, by session cookie or API token. */
export interface Principal {
  userId: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  via: 'session' | 'token';
  tokenId?: string;
}

export function actorOf(p: Principal): Actor {
  return p.via === 'token' && p.tokenId
    ? { kind: 'token', id: p.tokenId, label: `${p.email} (API token)` }
    : { kind: 'user', id: p.userId, label: p.email };
}
