import type { CaseDef } from '../types.ts';
import { caseOf, continuation, echo, type Group, reply, say, send, text } from './build.ts';

const group: Group = {
  id: '10.1',
  category: 'misc',
  title: 'Auto-fragmentation',
  section: '5.4',
  why:
    'A sender may cut a message into frames of any size it likes (a proxy may even re-cut them), so a ' +
    'receiver must give the application the same message whatever the frame sizes: 65,536 bytes in ' +
    'frames of 1,300 are still one text message.',
};

/** Autobahn's 10.1.1: 65,536 "*" in frames of 1,300 bytes (50 full frames and one of 536). */
function autoFragmented(size: number, piece: number) {
  const payload = '*'.repeat(size);
  const frames = [];
  for (let at = 0; at < size; at += piece) {
    const chunk = payload.slice(at, at + piece);
    const fin = at + piece >= size;
    frames.push(at === 0 ? text(chunk, { fin }) : continuation(chunk, fin));
  }
  return { payload, frames };
}

const tenOneOne = autoFragmented(65536, 1300);

export const miscCases: readonly CaseDef[] = [
  caseOf(
    group,
    1,
    say('text message of 64 KiB in frames of 1,300 bytes', '64 KiB 的文本消息，每帧 1300 字节'),
    [send(tenOneOne.frames)],
    echo([reply.text(tenOneOne.payload)]),
  ),
];
