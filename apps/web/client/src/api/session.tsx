import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { call, type CallOptions, type Caller } from './http';
import { ApiError } from './errors';

export type Role = 'admin' | 'developer' | 'viewer';
export interface SignedInUser {
  id: string;
  email?: string;
  tenant_id: string;
  role: Role;
}

/** What the web server's session endpoints answer: the access token (kept in memory only) and who it is. */
export interface SessionGrant {
  access_token: string;
  expires_in: number;
  user: SignedInUser;
}

export interface SignUpInput {
  email: string;
  password: string;
  nickname?: string;
  firstName?: string;
  lastName?: string;
  tenant_name?: string;
  /** Join this shop as a buyer instead of opening a new one. */
  tenant_id?: string;
}

interface SessionValue {
  /** undefined while the session is being restored on load. */
  user: SignedInUser | null | undefined;
  signIn(email: string, password: string, sessionId?: string): Promise<SignedInUser>;
  signUp(input: SignUpInput): Promise<SignedInUser>;
  signOut(): Promise<void>;
  /** Calls the platform as the signed-in user (refreshing once on a 401), with the shop and guest visit given. */
  api<T>(path: string, opts?: CallOptions & { caller?: Omit<Caller, 'token'> }): Promise<T>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * The signed-in user for the whole app. The access token lives in this component's memory only; the
 * rotating refresh token is an httpOnly cookie the web server keeps (`/web-api/session/*`), so page
 * scripts never see it. The token is refreshed a minute before it expires, and on load (a reload
 * keeps you signed in); signing out revokes the refresh token.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined);
  const token = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshing = useRef<Promise<boolean> | null>(null);

  const accept = useCallback((grant: SessionGrant) => {
    token.current = grant.access_token;
    setUser(grant.user);
    clearTimeout(timer.current);
    const inMs = Math.max(5, grant.expires_in - 60) * 1000;
    timer.current = setTimeout(() => void refresh(), inMs);
    return grant.user;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const drop = useCallback(() => {
    token.current = undefined;
    clearTimeout(timer.current);
    setUser(null);
  }, []);

  /** One refresh at a time; false when there is no session to refresh (signed out). */
  const refresh = useCallback((): Promise<boolean> => {
    refreshing.current ??= call<SessionGrant>('/web-api/session/refresh', {}, { method: 'POST', body: {} })
      .then((grant) => {
        accept(grant);
        return true;
      })
      .catch(() => {
        drop();
        return false;
      })
      .finally(() => {
        refreshing.current = null;
      });
    return refreshing.current;
  }, [accept, drop]);

  useEffect(() => {
    void refresh();
    return () => clearTimeout(timer.current);
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      signIn: async (email, password, sessionId) =>
        accept(
          await call<SessionGrant>(
            '/web-api/session/login',
            {},
            { body: { email, password, session_id: sessionId } },
          ),
        ),
      signUp: async (input) =>
        accept(await call<SessionGrant>('/web-api/session/register', {}, { body: input })),
      signOut: async () => {
        try {
          await call('/web-api/session/logout', {}, { method: 'POST', body: {} });
        } finally {
          drop();
        }
      },
      api: async <T,>(path: string, opts: CallOptions & { caller?: Omit<Caller, 'token'> } = {}) => {
        const { caller, ...rest } = opts;
        try {
          return await call<T>(path, { ...caller, token: token.current }, rest);
        } catch (err) {
          if (!(err instanceof ApiError) || err.status !== 401 || !token.current) throw err;
          if (!(await refresh())) throw err;
          return call<T>(path, { ...caller, token: token.current }, rest);
        }
      },
    }),
    [user, accept, drop, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
