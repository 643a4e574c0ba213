import type { Session, SessionStore } from './sessions.ts';

/** Whose a connection (or a socket.io request) is: the session, the page (tab) that opened it, and as what. */
export type Association = {
  readonly session: Session | null;
  /** The page's label (`LiveConnection.page`): the server tells that page which connections are its own. */
  readonly page: string | null;
  /** Opened by the comparison slide (its ws socket is at /echo too), not as the page's own echo socket. */
  readonly compared: boolean;
};

export const noAssociation: Association = { session: null, page: null, compared: false };

/**
 * The one place that says which page session and which page a connection (or a socket.io request) belongs
 * to, from its URL: today the page's join key (`join=`, or `session=`), its tab (`tab=`) and `compare=1`
 * for the comparison's sockets. Every endpoint asks here, so changing how a page proves its connections are
 * its own changes this function only.
 */
export function associationOfUrl(sessions: SessionStore, url: URL): Association {
  const { searchParams } = url;
  const session = sessions.forConnection(searchParams.get('join'), searchParams.get('session'));
  return {
    session,
    page: session ? searchParams.get('tab') : null,
    compared: searchParams.get('compare') === '1',
  };
}
