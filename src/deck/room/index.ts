import type Reveal from 'reveal.js';
import type { Language } from '../../protocol/i18n.ts';
import { getSession } from '../../session/index.ts';
import './room.css';
import { useJoinOrigin } from '../joinLink.ts';
import { RoomBar } from './roomBar.ts';
import { RoomClient } from './roomClient.ts';
import { RoomFollow } from './roomFollow.ts';

export type Room = { readonly client: RoomClient; readonly follow: RoomFollow; readonly bar: RoomBar };

/**
 * The deck joins the room (/room): the presenter's page drives, every other page follows. Started once the
 * deck is up, only where the deck is live (not in print or the speaker view's previews).
 */
export function joinRoom(reveal: InstanceType<typeof Reveal>, lang: Language): Room {
  const session = getSession();
  const client = new RoomClient(session);
  const follow = new RoomFollow(reveal, client);
  const bar = new RoomBar(lang, client, follow, session);
  client.start();
  // Phones cannot reach 127.0.0.1: once the server says its LAN address, the join links use it.
  const useLanOrigin = () => {
    const origins = session.welcome?.lanOrigins ?? [];
    const loopback = /^(localhost|127\.|\[::1\])/.test(window.location.hostname);
    if (loopback && origins[0]) useJoinOrigin(origins[0]);
  };
  session.subscribe((change) => {
    if (change.status) useLanOrigin();
  });
  useLanOrigin();
  return { client, follow, bar };
}
