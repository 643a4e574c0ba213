import type { LibrarySockets, SocketName } from '../../session/librarySockets.ts';
import type { DemoControl } from '../shared/autoDemo.ts';

/** How long a demo waits for its library sockets (socket.io polls, then upgrades) before it gives up. */
const openWithinMs = 10_000;
const checkEveryMs = 100;

/**
 * Opens `names` and resolves true once every one is ready (`open` only starts them, `send` drops a
 * message on a socket still connecting, and socket.io is ready once past its upgrade), false if the demo
 * stopped or they were not ready in time.
 */
export async function whenOpen(
  sockets: LibrarySockets,
  names: readonly SocketName[],
  control: DemoControl,
): Promise<boolean> {
  if (!(await sockets.open(names))) return false;
  for (let waited = 0; waited < openWithinMs && !control.stopped; waited += checkEveryMs) {
    if (names.every((name) => sockets.ready(name))) return true;
    await control.wait(checkEveryMs);
  }
  return false;
}
