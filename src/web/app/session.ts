import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, OversightAbilities } from './types.ts';

export interface Session {
  me: Me | null;
  oversight: OversightAbilities | null;
  /** The session has been asked for (until then `me` null means "not known yet"). */
  ready: boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session>({ me: null, oversight: null, ready: false, refresh: async () => undefined, signOut: async () => undefined });

export function useSession(): Session {
  return useContext(SessionContext);
}
