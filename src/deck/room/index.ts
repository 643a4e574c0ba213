import type Reveal from 'reveal.js';
import type { Language } from '../../protocol/index.ts';
import { getSession } from '../../session/index.ts';
import { safeSessionStorage } from '../../session/pageEnvironment.ts';
import './room.css';
import { useJoinOrigin } from '../joinLink.ts';
import { RoomBar } from './roomBar.ts';
import { RoomClient } from './roomClient.ts';
import { RoomFollow } from './roomFollow.ts';

/*
 * The page's side of the room, all of it in this folder: the /room socket (roomClient.ts), reveal.js driven
 * by it or driving it (roomFollow.ts), the line under the slides (roomBar.ts), and the `room-frame` widget
 * that shows the frame that moved the screen (roomFrame.ts, registered in src/widgets/registry.ts). What
 * travels on the wire is typed in src/shared/room/, which the server's side (server/room/) imports too.
 */

export type Room = { readonly client: RoomClient; readonly follow: RoomFollow; readonly bar: RoomBar };

const followingKey = 'ws101.room.following';

/**
 * Whether this page starts following the presenter. The join link and QR code name no slide: following.
 * A link to one slide (`/#/lab`) is someone who wants that slide: browsing on their own there, R joins.
 * A reload keeps what the tab was doing (reveal.js has written the slide into the address by then).
 */
function startsFollowing(openedOnASlide: boolean): boolean {
  const remembered = safeSessionStorage()?.getItem(followingKey);
  return remembered === 'yes' || remembered === 'no' ? remembered === 'yes' : !openedOnASlide;
}

/**
 * The deck joins the room (/room): the presenter's page drives, every other page follows. Started once the
 * deck is up, only where the deck is live (not in print or the speaker view's previews).
 */
export function joinRoom(
  reveal: InstanceType<typeof Reveal>,
  lang: Language,
  opened: { openedOnASlide: boolean },
): Room {
  const session = getSession();
  const client = new RoomClient(session);
  const { h, v } = reveal.getIndices();
  const pastTheTitle = opened.openedOnASlide && (h > 0 || (v ?? 0) > 0);
  const follow = new RoomFollow(reveal, client, startsFollowing(opened.openedOnASlide), pastTheTitle);
  follow.onChange(() => {
    try {
      safeSessionStorage()?.setItem(followingKey, follow.following ? 'yes' : 'no');
    } catch {
      // Storage full or refused: the tab forgets across a reload, nothing else.
    }
  });
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
