import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The code that reads a recording: the protocol core (frames, handshake) and the capture reader (pcapng). */
export const decoderDirectories = ['src/protocol', 'src/capture'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|wat)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Import and re-export lines say where code lives, not what it decodes: a file moved or an import path
 * rewritten (the protocol-import codemod) must not make every recording stale. Everything else counts.
 */
function decodingText(source: string): string {
  return source.replace(/^(?:import|export)\b[^;]*?\bfrom\s*['"][^'"]+['"];?$/gms, '');
}

/**
 * A hash of the decoder's sources, stored with each recording by `npm run record`: a recording made by
 * older decoding code than the build's is stale, and `npm run build:static` refuses it.
 */
export function decoderHash(root: string): string {
  const hash = createHash('sha256');
  const files = decoderDirectories
    .flatMap((directory) => sourceFiles(join(root, directory)))
    .map((file) => relative(root, file).split('\\').join('/'))
    .sort();
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(decodingText(readFileSync(join(root, file), 'utf8')));
  }
  return hash.digest('hex').slice(0, 16);
}
