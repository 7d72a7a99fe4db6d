import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../errors.ts';
import { signingKey } from '../signing/keys.ts';
import type { SigningKey } from '../signing/keys.ts';
import { reportSource } from '../../test/report-fixtures.ts';
import { buildReport } from './model.ts';
import { renderReportPdf } from './pdf.ts';
import { sealJson, sealPdf, verifyReportFile } from './signed-file.ts';
import { signContent } from '../signing/envelope.ts';
import { canonicalJson } from '../audit/log.ts';

const office = signingKey(mkdtempSync(join(tmpdir(), 'nr-keys-')), 'review_office');
const forger = signingKey(mkdtempSync(join(tmpdir(), 'nr-keys-')), 'review_office');
const trusted = new Map([[office.keyId, office.publicKey]]);
const at = new Date('2026-03-01T02:00:00.000Z');
const doc = buildReport(reportSource(3), 'full', { reportId: 'r-1', generatedAt: at });
const pdf = sealPdf(await renderReportPdf(doc), office, at);
const json = sealJson(doc, office, at);

function reason(bytes: Buffer, keys = trusted): string {
  try {
    verifyReportFile(bytes, keys);
  } catch (e) {
    if (e instanceof AppError && e.code === 'signature_invalid') return e.message;
    throw e;
  }
  return 'VERIFIED';
}

const flip = (b: Buffer, i: number, mask = 0x01) => {
  const c = Buffer.from(b);
  c[i] = c[i]! ^ mask;
  return c;
};

describe('signed report files', () => {
  it('verify offline with the Office key', () => {
    expect(verifyReportFile(pdf, trusted)).toMatchObject({ format: 'pdf', signature: { keyId: office.keyId, signedAt: at.toISOString(), signer: 'review_office' } });
    expect(verifyReportFile(json, trusted)).toMatchObject({ format: 'json', report: { reportId: 'r-1' } });
  });

  it('JSON: flipping any byte fails (every byte of the public report; sampled for the full one)', () => {
    const pub = sealJson(buildReport(reportSource(3), 'public', { reportId: 'r-1', generatedAt: at }), office, at);
    for (let i = 0; i < pub.length; i++) for (const mask of [0x01, 0x20]) expect(reason(flip(pub, i, mask)), `byte ${i} mask ${mask}`).not.toBe('VERIFIED');
    fc.assert(fc.property(fc.integer({ min: 0, max: json.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, mask) => reason(flip(json, i, mask)) !== 'VERIFIED'), { numRuns: 300 });
  });

  it('PDF: flipping a byte anywhere fails (header, body, trailer, signature line; sampled)', () => {
    const tail = pdf.length - 400;
    for (let i = 0; i < 64; i++) expect(reason(flip(pdf, i)), `byte ${i}`).not.toBe('VERIFIED');
    for (let i = tail; i < pdf.length; i++) expect(reason(flip(pdf, i)), `byte ${i}`).not.toBe('VERIFIED');
    fc.assert(fc.property(fc.integer({ min: 0, max: pdf.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, mask) => reason(flip(pdf, i, mask)) !== 'VERIFIED'), { numRuns: 300 });
    expect(reason(Buffer.concat([pdf, Buffer.from('\n')]))).toMatch(/last line/);
    expect(reason(pdf.subarray(0, pdf.length - 1))).toMatch(/last line/);
  });

  it('names what is wrong: altered content, unknown key, forged signature, unsigned file', () => {
    const body = pdf.indexOf(Buffer.from('stream')) + 20;
    expect(reason(flip(pdf, body))).toBe('the content does not match the signed SHA-256: the file was altered');
    expect(reason(pdf, new Map())).toMatch(new RegExp(`signed by key ${office.keyId}, which is not a trusted key`));
    // A forger signs the same bytes with its own key but claims the Office's key id.
    const forged = resign(pdf, forger);
    expect(reason(forged)).toBe(`the Ed25519 signature does not verify with key ${office.keyId}`);
    const text = json.toString('utf8').replace('"reportId":"r-1"', '"reportId":"r-2"');
    expect(reason(Buffer.from(text))).toBe('the content does not match the signed SHA-256: the file was altered');
    expect(reason(Buffer.from(json.toString('utf8').replace('{"report":', '{ "report":')))).toMatch(/not in its signed canonical form/);
    expect(reason(pdf.subarray(0, pdf.lastIndexOf(Buffer.from('%NETREVIEW'))))).toMatch(/no NETREVIEW-SIGNATURE line/);
    expect(reason(Buffer.from('hello'))).toBe('neither a PDF nor a JSON report');
  });
});

/** The file re-signed by another key, keeping the claimed key id of the original. */
function resign(file: Buffer, key: SigningKey): Buffer {
  const at2 = file.lastIndexOf(Buffer.from('%NETREVIEW-SIGNATURE '));
  const sig = JSON.parse(file.subarray(at2 + 21).toString('utf8')) as { keyId: string };
  const other = sealPdf(file.subarray(0, at2), { ...key, keyId: sig.keyId }, at);
  return other;
}

describe('the comprehensive assessment embedded in a full JSON report (Art. 6)', () => {
  const committee = signingKey(mkdtempSync(join(tmpdir(), 'nr-keys-')), 'experts_committee');
  const body = { caseRef: 'CSR-1', aggregates: { trustworthiness: { mean: 7.5, n: 3 } } };
  const withAssessment = (b: unknown, signedBody: unknown = b) => ({ ...doc, comprehensiveAssessment: { body: b, signature: signContent(canonicalJson(signedBody), committee, 'assessment', at) } });
  const both = new Map([...trusted, [committee.keyId, committee.publicKey]]);

  it('is checked when the committee key is trusted, and reported as unchecked otherwise', () => {
    const file = sealJson(withAssessment(body), office, at);
    expect(verifyReportFile(file, both).assessment).toEqual({ status: 'verified', keyId: committee.keyId });
    expect(verifyReportFile(file, trusted).assessment).toEqual({ status: 'key_not_trusted', keyId: committee.keyId });
  });

  it('fails when the Office sealed an assessment whose body differs from what the committee signed', () => {
    const file = sealJson(withAssessment({ ...body, aggregates: { trustworthiness: { mean: 9.5, n: 3 } } }, body), office, at);
    expect(reason(file, both)).toMatch(/^the embedded comprehensive assessment: .*altered/);
  });
});
