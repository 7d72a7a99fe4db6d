/**
 * The two signed report files, both checkable offline by `netreview report verify FILE`.
 *
 * PDF: the bytes pdfkit wrote (ending in %%EOF) followed by one comment line
 * `%NETREVIEW-SIGNATURE {…}\n` — PDF readers ignore bytes after %%EOF, and the signature covers
 * every byte before that line.
 * JSON: `{"report":…,"signature":{…}}` in canonical form plus one newline; the signature covers
 * the canonical JSON of `report`, and the file must be byte-for-byte canonical, so even a changed
 * space fails.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../audit/log.ts';
import { AppError } from '../errors.ts';
import type { SigningKey } from '../signing/keys.ts';
import type { Signature } from '../signing/envelope.ts';
import { isSignature, signContent, verifyContent } from '../signing/envelope.ts';

const PDF_MARK = Buffer.from('\n%NETREVIEW-SIGNATURE ', 'latin1');

export function sealPdf(pdf: Buffer, key: SigningKey, signedAt: Date): Buffer {
  const content = pdf[pdf.length - 1] === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const sig = signContent(content, key, 'pdf', signedAt);
  return Buffer.concat([content, PDF_MARK.subarray(1), Buffer.from(`${canonicalJson(sig)}\n`, 'utf8')]);
}

export function sealJson(report: unknown, key: SigningKey, signedAt: Date): Buffer {
  const sig = signContent(canonicalJson(report), key, 'json', signedAt);
  return Buffer.from(`${canonicalJson({ report, signature: sig })}\n`, 'utf8');
}

export interface VerifiedReport {
  format: 'pdf' | 'json';
  signature: Signature;
  /** For JSON reports, the report itself. */
  report?: unknown;
  /**
   * A full JSON report carries the Experts Committee's signed comprehensive assessment (Art. 6):
   * checked too when the committee's key is among the trusted keys.
   */
  assessment?: { status: 'verified' | 'key_not_trusted'; keyId: string };
}

const fail = (why: string) => new AppError('signature_invalid', why);

function verifyPdf(bytes: Buffer, trusted: ReadonlyMap<string, KeyObject>): VerifiedReport {
  const at = bytes.lastIndexOf(PDF_MARK);
  if (at < 0) throw fail('no NETREVIEW-SIGNATURE line after the PDF: the file is unsigned or the signature line was altered');
  const content = bytes.subarray(0, at + 1);
  const line = bytes.subarray(at + PDF_MARK.length).toString('utf8');
  if (!line.endsWith('\n') || line.indexOf('\n') !== line.length - 1) throw fail('the signature line must be the last line of the file');
  let sig: unknown;
  try {
    sig = JSON.parse(line);
  } catch {
    throw fail('the signature line is not JSON');
  }
  if (!isSignature(sig) || `${canonicalJson(sig)}\n` !== line) throw fail('the signature line is not in its signed canonical form');
  if (sig.format !== 'pdf') throw fail(`the signature is for a ${sig.format}, not a PDF`);
  if (!content.subarray(0, 5).equals(Buffer.from('%PDF-')) || !content.subarray(-7).toString('latin1').includes('%%EOF')) throw fail('the signed content is not a PDF ending in %%EOF');
  verifyContent(content, sig, trusted);
  return { format: 'pdf', signature: sig };
}

function verifyJson(bytes: Buffer, trusted: ReadonlyMap<string, KeyObject>): VerifiedReport {
  const text = bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fail('the file is not JSON');
  }
  const o = doc as { report?: unknown; signature?: unknown };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || Object.keys(o).sort().join(',') !== 'report,signature') throw fail('a signed JSON report has exactly two members, "report" and "signature"');
  if (!isSignature(o.signature)) throw fail('"signature" is not a signature block');
  // Canonical bytes are the only bytes: re-encoding must give back the file exactly (and valid UTF-8).
  if (`${canonicalJson(doc)}\n` !== text || !Buffer.from(text, 'utf8').equals(bytes)) throw fail('the file is not in its signed canonical form: bytes were altered');
  if (o.signature.format !== 'json') throw fail(`the signature is for a ${o.signature.format}, not a JSON report`);
  verifyContent(canonicalJson(o.report), o.signature, trusted);
  const assessment = verifyEmbeddedAssessment(o.report, trusted);
  return { format: 'json', signature: o.signature, report: o.report, ...(assessment ? { assessment } : {}) };
}

/**
 * The assessment's own signature is over the canonical JSON of its body, as the committee signed
 * it; the Office's signature already vouches that the report carries it unchanged, so a committee
 * key that isn't at hand is reported rather than failed.
 */
function verifyEmbeddedAssessment(report: unknown, trusted: ReadonlyMap<string, KeyObject>): VerifiedReport['assessment'] {
  const ca = (report as { comprehensiveAssessment?: { body?: unknown; signature?: unknown } | null }).comprehensiveAssessment;
  if (!ca) return undefined;
  if (!isSignature(ca.signature) || ca.signature.format !== 'assessment') throw fail('the embedded comprehensive assessment has no valid signature block');
  if (!trusted.has(ca.signature.keyId)) return { status: 'key_not_trusted', keyId: ca.signature.keyId };
  try {
    verifyContent(canonicalJson(ca.body), ca.signature, trusted);
  } catch (e) {
    throw fail(`the embedded comprehensive assessment: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { status: 'verified', keyId: ca.signature.keyId };
}

/** Verifies a report file offline against the trusted public keys; throws `signature_invalid` with the reason. */
export function verifyReportFile(bytes: Buffer, trusted: ReadonlyMap<string, KeyObject>): VerifiedReport {
  if (bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return verifyPdf(bytes, trusted);
  if (bytes[0] === 0x7b) return verifyJson(bytes, trusted);
  throw fail('neither a PDF nor a JSON report');
}
