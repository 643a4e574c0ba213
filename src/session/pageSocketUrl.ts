import { type TicketSocket, ticketSocketPaths } from '../shared/inspector/protocol.ts';
import type { InspectorLink } from './inspectorLink.ts';

/**
 * The one way a socket of this page gets its URL (its echo, chat and room sockets, the comparison's and
 * the seed slide's): a single-use ticket asked for on /inspect for that endpoint alone (server/tickets.ts),
 * which ties the socket to this session and tab, so the server taps it for this page and tells the page it
 * is its own. Nothing else in a URL (shown, tapped, to the presenter) could tie a socket to a page. The
 * ticket goes last, after the socket's own `query` (`nick`, `deflate`, `compare`). Null while there is no
 * server or no session, or when the server gives no ticket.
 */
export async function pageSocketUrl(
  link: Pick<InspectorLink, 'serverUrl' | 'command'>,
  socket: TicketSocket,
  query: Readonly<Record<string, string>> = {},
): Promise<string | null> {
  if (!link.serverUrl) return null;
  const reply = await link.command({ type: 'ticket', socket });
  if (!reply.ok || !link.serverUrl) return null;
  const params = new URLSearchParams({ ...query, ticket: reply.ticket });
  return `${link.serverUrl}${ticketSocketPaths[socket]}?${params}`;
}
