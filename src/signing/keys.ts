/**
 * The server's Ed25519 signing keys, one per signer (the Experts Committee signs its comprehensive
 * assessment, Art. 6; the Review Office signs the reports it releases, Art. 13). Private keys live
 * under DATA_DIR/keys and never leave the server; the key id is derived from the public key, so
 * anyone holding the exported public key can check which key signed a file offline.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SIGNERS = {
  experts_committee: { file: 'experts-committee', en: 'Cybersecurity Review Experts Committee', zh: '网络安全审查专家委员会' },
  review_office: { file: 'review-office', en: 'Cybersecurity Review Office', zh: '网络安全审查办公室' },
} as const satisfies Record<string, { file: string; en: string; zh: string }>;
export type Signer = keyof typeof SIGNERS;

export interface SigningKey {
  signer: Signer;
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** Keys sit beside the blob store: DATA_DIR/blobs → DATA_DIR/keys. */
export function keyDirFor(blobDir: string): string {
  return join(dirname(blobDir), 'keys');
}

/** `nr-` and the first 16 hex digits of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return `nr-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

const cache = new Map<string, SigningKey>();

/** The signer's key, created on first use (exclusive create: two processes never both write one). */
export function signingKey(keyDir: string, signer: Signer): SigningKey {
  const path = join(keyDir, `${SIGNERS[signer].file}.ed25519.pem`);
  const hit = cache.get(path);
  if (hit) return hit;
  if (!existsSync(path)) {
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const privateKey = createPrivateKey(readFileSync(path));
  const publicKey = createPublicKey(privateKey);
  const key: SigningKey = { signer, keyId: keyIdOf(publicKey), privateKey, publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
  cache.set(path, key);
  return key;
}

/** Public keys of this server's signers, by key id (what `report verify` trusts without --public-key). */
export function localPublicKeys(keyDir: string): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  if (!existsSync(keyDir)) return out;
  for (const f of readdirSync(keyDir)) {
    if (!f.endsWith('.ed25519.pem')) continue;
    const pub = createPublicKey(createPrivateKey(readFileSync(join(keyDir, f))));
    out.set(keyIdOf(pub), pub);
  }
  return out;
}

/** A public key from PEM text (as `netreview report key` prints it). */
export function publicKeyFromPem(pem: string): KeyObject {
  const k = createPublicKey(pem);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return k;
}
