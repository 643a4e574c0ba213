import type { ChatEntry } from '../../src/shared/room/chat.ts';

/** Lines a newcomer is sent, and the bytes they may take in all (JSON): a join costs this at most. */
const maxLines = 50;
const maxBytes = 32 * 1024;

/**
 * The chat's backlog, capped in lines and in bytes: the oldest go first, so a flood of long messages
 * leaves a short backlog instead of a long one, and what a newcomer is sent stays small.
 */
export class ChatHistory {
  private readonly lines: { entry: ChatEntry; bytes: number }[] = [];
  private bytes = 0;

  add(entry: ChatEntry): void {
    const bytes = Buffer.byteLength(JSON.stringify(entry));
    this.lines.push({ entry, bytes });
    this.bytes += bytes;
    while (this.lines.length > maxLines || (this.bytes > maxBytes && this.lines.length > 0)) {
      this.bytes -= this.lines.shift()!.bytes;
    }
  }

  clear(): void {
    this.lines.length = 0;
    this.bytes = 0;
  }

  get entries(): ChatEntry[] {
    return this.lines.map((line) => line.entry);
  }

  /** The backlog's size as a newcomer receives it (the history message's entries). */
  get size(): number {
    return this.bytes;
  }
}
