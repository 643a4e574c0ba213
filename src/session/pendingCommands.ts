/**
 * A reply as it arrived, before the page reads its fields by its command's reply type (`parseReply` in
 * src/shared/inspector/commandShapes.ts, applied by src/session/inspectorLink.ts).
 */
export type RawReply =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; code: string; message: string };

const commandTimeoutMs = 10_000;

/**
 * Inspector commands waiting for their reply, matched by id. Every command gets exactly one answer, as
 * data: the server's result or error, a timeout, or `offline` when the connection goes.
 */
export class PendingCommands<Part = Record<string, unknown>> {
  private readonly waiting = new Map<string, (reply: RawReply) => void>();
  private readonly partListeners = new Map<string, (part: Part) => void>();
  private next = 1;

  /**
   * Sends a command through `send` and resolves with its reply; never rejects. A command answered in
   * parts before its reply (`conform.run`) hands each to `onPart`; each part restarts the timeout.
   */
  request(
    command: { type: string } & Record<string, unknown>,
    send: (text: string) => void,
    timeoutMs = commandTimeoutMs,
    onPart?: (part: Part) => void,
  ): Promise<RawReply> {
    const id = `c${this.next++}`;
    return new Promise((resolve) => {
      const expire = () => {
        this.waiting.delete(id);
        this.partListeners.delete(id);
        resolve({ ok: false, code: 'timeout', message: 'the server did not answer' });
      };
      let timer = setTimeout(expire, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        this.partListeners.delete(id);
        resolve(reply);
      });
      if (onPart) {
        this.partListeners.set(id, (part) => {
          clearTimeout(timer);
          timer = setTimeout(expire, timeoutMs);
          onPart(part);
        });
      }
      send(JSON.stringify({ ...command, id }));
    });
  }

  /** Hands one part of an answer to the command it belongs to; false when nothing waits for that id. */
  part(id: string | number | undefined, part: Part): boolean {
    const listener = id === undefined ? undefined : this.partListeners.get(String(id));
    if (!listener) return false;
    listener(part);
    return true;
  }

  /** Hands a reply to the command it answers; false when nothing waits for that id. */
  settle(id: string | number | undefined, reply: RawReply): boolean {
    const key = id === undefined ? undefined : String(id);
    const resolve = key === undefined ? undefined : this.waiting.get(key);
    if (!resolve || key === undefined) return false;
    this.waiting.delete(key);
    resolve(reply);
    return true;
  }

  /** The connection went away: every waiting command learns it. */
  failAll(message: string): void {
    for (const resolve of this.waiting.values()) resolve({ ok: false, code: 'offline', message });
    this.waiting.clear();
    this.partListeners.clear();
  }
}
