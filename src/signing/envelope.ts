/**
 * Detached Ed25519 signatures over exact bytes, for files that must verify offline (Art. 6 signed
 * assessments, Art. 13 reports). The signature covers a header — algorithm, key id, signer,
 * signing time, and the SHA-256 of the content bytes — so changing any content byte, the time or
 * the claimed key breaks it.
 */
import { createHash, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../audit/log.ts';
import { AppError } from '../errors.ts';
import type { SigningKey } from './keys.ts';

export interface SignatureHeader {
  alg: 'Ed25519';
  keyId: string;
  signer: string;
  signedAt: string;
  /** What the signed bytes are: 'pdf', 'json', 'assessment'. */
  format: string;
  contentSha256: string;
}

export interface Signature extends SignatureHeader {
  /** Base64 (standard alphabet, padded) of the 64-byte signature. */
  value: string;
}

const DOMAIN = 'netreview-signature-v1\n';

export function sha256Hex(b: Uint8Array | string): string {
  return createHash('sha256').update(b).digest('hex');
}

function message(h: SignatureHeader): Buffer {
  const { alg, keyId, signer, signedAt, format, contentSha256 } = h;
  return Buffer.from(DOMAIN + canonicalJson({ alg, keyId, signer, signedAt, format, contentSha256 }), 'utf8');
}

export function signContent(content: Uint8Array | string, key: SigningKey, format: string, signedAt: Date): Signature {
  const header: SignatureHeader = { alg: 'Ed25519', keyId: key.keyId, signer: key.signer, signedAt: signedAt.toISOString(), format, contentSha256: sha256Hex(content) };
  return { ...header, value: sign(null, message(header), key.privateKey).toString('base64') };
}

const fail = (why: string) => new AppError('signature_invalid', why);

/**
 * Checks `sig` over `content` against the trusted keys; throws `signature_invalid` naming the
 * first thing that does not hold.
 */
export function verifyContent(content: Uint8Array | string, sig: Signature, trusted: ReadonlyMap<string, KeyObject>): void {
  if (sig.alg !== 'Ed25519') throw fail(`unsupported signature algorithm "${String(sig.alg)}"`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(sig.signedAt) || Number.isNaN(Date.parse(sig.signedAt))) throw fail('signedAt is not a timestamp');
  const key = trusted.get(sig.keyId);
  if (!key) throw fail(`signed by key ${sig.keyId}, which is not a trusted key (give the signer's public key with --public-key)`);
  if (sha256Hex(content) !== sig.contentSha256) throw fail('the content does not match the signed SHA-256: the file was altered');
  const raw = Buffer.from(sig.value, 'base64');
  // Base64 decoding is lenient (padding bits, stray characters): only the canonical encoding counts.
  if (raw.length !== 64 || raw.toString('base64') !== sig.value) throw fail('the signature value is not a canonical base64 Ed25519 signature');
  if (!verify(null, message(sig), key, raw)) throw fail('the Ed25519 signature does not verify with key ' + sig.keyId);
}

export function isSignature(v: unknown): v is Signature {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const keys = ['alg', 'keyId', 'signer', 'signedAt', 'format', 'contentSha256', 'value'];
  return Object.keys(o).length === keys.length && keys.every((k) => typeof o[k] === 'string');
}
