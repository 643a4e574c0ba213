import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway certificate (openssl), as files: for 127.0.0.1 unless other subject alternative names are
 * given (a classroom's LAN addresses). Null where openssl is missing.
 */
export function selfSignedCert(
  altNames: readonly string[] = ['IP:127.0.0.1'],
): { cert: string; key: string } | null {
  const folder = mkdtempSync(join(tmpdir(), 'ws101-tls-'));
  const [cert, key] = [join(folder, 'cert.pem'), join(folder, 'key.pem')];
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        `subjectAltName=${altNames.join(',')}`,
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
  } catch {
    return null;
  }
  return { cert, key };
}
