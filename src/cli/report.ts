/**
 * `netreview report verify FILE` checks a security assessment report offline (Art. 13): no
 * database, no network — only the file and the Office's public key. `netreview report key` prints
 * that public key for distribution.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import { Option } from 'commander';
import { configFromEnv } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Signer } from '../signing/keys.ts';
import { SIGNERS, keyIdOf, localPublicKeys, publicKeyFromPem, signingKey } from '../signing/keys.ts';
import { verifyReportFile } from '../reports/signed-file.ts';

export interface VerifyOptions {
  /** PEM public keys given on the command line (the Office's, and the Experts Committee's for the embedded assessment). */
  publicKeyPem?: string | string[];
  /** Where this server's keys are (DATA_DIR/keys), trusted when no public key is given. */
  keyDir: string;
}

export function trustedKeys(o: VerifyOptions): Map<string, KeyObject> {
  const pems = o.publicKeyPem === undefined ? [] : Array.isArray(o.publicKeyPem) ? o.publicKeyPem : [o.publicKeyPem];
  if (pems.length) {
    const out = new Map<string, KeyObject>();
    for (const pem of pems) {
      let k: KeyObject;
      try {
        k = publicKeyFromPem(pem);
      } catch (e) {
        throw new AppError('validation_failed', `--public-key: ${e instanceof Error ? e.message : String(e)}`);
      }
      out.set(keyIdOf(k), k);
    }
    return out;
  }
  return localPublicKeys(o.keyDir);
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('Security assessment reports (Art. 13): verify offline, export the signing key');
  report
    .command('verify')
    .description('Check a report file (PDF or JSON) offline; exit 0 if the signature holds, 2 if any byte was altered or the signer is not trusted')
    .argument('<file>', 'the report file (.pdf or .json)')
    .option('--public-key <pem-file>', 'a signer’s public key (from `netreview report key`); repeat it to also check the Experts Committee’s assessment; default: the keys in DATA_DIR/keys', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print the result as JSON')
    .action((file: string, o: { publicKey?: string[]; json?: boolean }) => {
      const keyDir = join(configFromEnv().dataDir, 'keys');
      const trusted = trustedKeys({ keyDir, ...(o.publicKey?.length ? { publicKeyPem: o.publicKey.map((f) => readFileSync(f, 'utf8')) } : {}) });
      try {
        const r = verifyReportFile(readFileSync(file), trusted);
        const s = r.signature;
        if (o.json) console.log(JSON.stringify({ ok: true, format: r.format, keyId: s.keyId, signer: s.signer, signedAt: s.signedAt, contentSha256: s.contentSha256, ...(r.assessment ? { assessment: r.assessment } : {}) }));
        else {
          console.log(`signature OK: ${r.format.toUpperCase()} report signed by ${s.signer} with key ${s.keyId} at ${s.signedAt} (content sha256 ${s.contentSha256})\n签名有效`);
          if (r.assessment?.status === 'verified') console.log(`comprehensive assessment signature OK (key ${r.assessment.keyId}) / 专家综合评估签名有效`);
          if (r.assessment?.status === 'key_not_trusted') console.log(`comprehensive assessment signed with key ${r.assessment.keyId}, not checked: give that key with another --public-key / 未校验专家综合评估签名（缺少公钥）`);
        }
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'signature_invalid') throw e;
        if (o.json) console.log(JSON.stringify({ ok: false, reason: e.message }));
        else console.error(`signature INVALID: ${e.message}\n签名无效`);
        process.exitCode = 2;
      }
    });
  report
    .command('key')
    .description('Print (or write) the public key and key id a signer signs with, for offline verification')
    .addOption(new Option('--signer <signer>', 'which key').choices(Object.keys(SIGNERS)).default('review_office'))
    .option('--out <file>', 'write the PEM public key to this file')
    .action((o: { signer: Signer; out?: string }) => {
      const k = signingKey(join(configFromEnv().dataDir, 'keys'), o.signer);
      if (o.out) writeFileSync(o.out, k.publicKeyPem);
      console.log(`# ${SIGNERS[o.signer].en} / ${SIGNERS[o.signer].zh}\n# key id ${k.keyId} (Ed25519)\n${k.publicKeyPem.trimEnd()}`);
    });
}
