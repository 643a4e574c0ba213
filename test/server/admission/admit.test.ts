import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type AdmissionContext, admit, type EngineSessions } from '../../../server/admission/admit.ts';
import { noAssociation } from '../../../server/admission/association.ts';
import { ConnectionTickets } from '../../../server/admission/tickets.ts';
import { endpointAt, endpointNamed } from '../../../server/endpoints/table.ts';
import { defaultOptions } from '../../../server/options.ts';
import { SessionStore } from '../../../server/sessions.ts';

const visitor = '10.0.0.7';
const loopback = '127.0.0.1';

/** A server with `open` connections in all, `fromVisitor` of them from the visitor's address, caps 10 and 3. */
function serverWith(open = 0, fromVisitor = 0) {
  const tickets = new ConnectionTickets();
  const context: AdmissionContext = {
    hostAllowed: (host) => host === 'deck.test:3000',
    options: { ...defaultOptions, allowOrigins: [], maxConnections: 10, maxConnectionsPerIp: 3 },
    tls: false,
    registry: {
      connections: { size: open },
      countFor: (address: string) => (address === visitor ? fromVisitor : 0),
    } as unknown as AdmissionContext['registry'],
    tickets,
  };
  return { context, tickets, session: new SessionStore().mint() };
}

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers: { host: 'deck.test:3000', ...headers } }) as unknown as IncomingMessage;
const byPath = (url: URL) => endpointAt(url.pathname);
const noEngineSessions: EngineSessions = { ownerOf: () => null, idleSessions: 0 };

describe('admit: the checks every upgrade and socket.io request passes, in order', () => {
  it('refuses an unreadable target, then a foreign Host, before it looks at the path', () => {
    const { context } = serverWith();
    expect(admit(request('//['), visitor, byPath, context, noEngineSessions)).toMatchObject({ status: 400 });
    const rebinding = request('/nope', { host: 'evil.test' });
    expect(admit(rebinding, visitor, byPath, context, noEngineSessions)).toMatchObject({
      status: 403,
      why: expect.stringContaining('DNS rebinding'),
    });
    expect(admit(request('/nope'), visitor, byPath, context, noEngineSessions)).toMatchObject({
      status: 404,
      why: expect.stringContaining('/wsnode/seed'),
    });
  });

  it('refuses a foreign Origin, and lets in a client that sends none', () => {
    const { context } = serverWith();
    const foreign = request('/echo', { origin: 'http://evil.test' });
    expect(admit(foreign, visitor, byPath, context, noEngineSessions)).toMatchObject({ status: 403 });
    const sameOrigin = request('/echo', { origin: 'http://deck.test:3000' });
    expect(admit(sameOrigin, visitor, byPath, context, noEngineSessions)).toMatchObject({
      address: visitor,
      association: noAssociation,
    });
  });

  it('refuses a full server before it spends the ticket', () => {
    const { context, tickets, session } = serverWith(10);
    const ticket = tickets.forPage(session, visitor, 'tab', 'echo')!;
    expect(admit(request(`/echo?ticket=${ticket}`), visitor, byPath, context, noEngineSessions)).toEqual({
      status: 503,
      why: 'server full',
      path: '/echo',
    });
    expect(tickets.claim(ticket)).toMatchObject({ session });
  });

  it("counts a page's socket against its address, and a lab ticket's against the visitor who asked", () => {
    const { context, tickets, session } = serverWith(3, 3);
    const page = tickets.forPage(session, visitor, 'tab', 'echo')!;
    expect(admit(request(`/echo?ticket=${page}`), visitor, byPath, context, noEngineSessions)).toMatchObject({
      status: 503,
      why: 'too many connections from your address',
    });
    // The lab's raw client dials from loopback; its room was held against the visitor when it was asked for.
    const lab = tickets.forLab(session, visitor, 'tab', 5000).ticket;
    const admitted = admit(request(`/echo?ticket=${lab}`), loopback, byPath, context, noEngineSessions);
    expect(admitted).toMatchObject({ lab: true, conform: false, address: visitor });
    expect('association' in admitted && admitted.association.session).toBe(session);
  });

  it('refuses a socket without a ticket where its row requires one, and a ticket on another path', () => {
    const { context, tickets, session } = serverWith();
    expect(admit(request('/chat'), visitor, byPath, context, noEngineSessions)).toMatchObject({
      status: 403,
      why: expect.stringContaining('socket "chat"'),
    });
    const echoTicket = tickets.forPage(session, visitor, 'tab', 'echo')!;
    expect(admit(request(`/chat?ticket=${echoTicket}`), visitor, byPath, context, noEngineSessions)).toEqual({
      status: 403,
      why: 'this ticket is not for /chat',
      path: '/chat',
    });
  });

  it("gives a socket.io request naming its session that session's owner, and a new session room of its own", () => {
    const { context, session } = serverWith(8);
    const socketIo = () => endpointNamed('socket.io');
    const owned: EngineSessions = {
      ownerOf: (url) =>
        url.searchParams.get('sid') === 'mine'
          ? { association: { session, page: 'tab', compared: false } }
          : url.searchParams.get('sid') === 'theirs'
            ? { refusal: 'this socket.io session was opened from another address' }
            : null,
      idleSessions: 2,
    };
    const later = admit(request('/socket.io/?EIO=4&sid=mine'), visitor, socketIo, context, owned);
    expect('association' in later && later.association.session).toBe(session);
    expect(admit(request('/socket.io/?EIO=4&sid=theirs'), visitor, socketIo, context, owned)).toMatchObject({
      status: 403,
    });
    // 8 open and 2 sessions between polls: no room for an eleventh.
    expect(admit(request('/socket.io/?EIO=4'), visitor, socketIo, context, owned)).toMatchObject({
      status: 503,
      why: 'server full',
    });
  });
});
