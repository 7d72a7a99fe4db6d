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
  publicKeyPem?: string;
  /** Where this server's keys are (DATA_DIR/keys), trusted when no public key is given. */
  keyDir: string;
}

export function trustedKeys(o: VerifyOptions): Map<string, KeyObject> {
  if (o.publicKeyPem) {
    let k: KeyObject;
    try {
      k = publicKeyFromPem(o.publicKeyPem);
    } catch (e) {
      throw new AppError('validation_failed', `--public-key: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new Map([[keyIdOf(k), k]]);
  }
  return localPublicKeys(o.keyDir);
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('Security assessment reports (Art. 13): verify offline, export the signing key');
  report
    .command('verify')
    .description('Check a report file (PDF or JSON) offline; exit 0 if the signature holds, 2 if any byte was altered or the signer is not trusted')
    .argument('<file>', 'the report file (.pdf or .json)')
    .option('--public-key <pem-file>', 'the signer’s public key (from `netreview report key`); default: the keys in DATA_DIR/keys')
    .option('--json', 'print the result as JSON')
    .action((file: string, o: { publicKey?: string; json?: boolean }) => {
      const keyDir = join(configFromEnv().dataDir, 'keys');
      const trusted = trustedKeys({ keyDir, ...(o.publicKey ? { publicKeyPem: readFileSync(o.publicKey, 'utf8') } : {}) });
      try {
        const r = verifyReportFile(readFileSync(file), trusted);
        const s = r.signature;
        if (o.json) console.log(JSON.stringify({ ok: true, format: r.format, keyId: s.keyId, signer: s.signer, signedAt: s.signedAt, contentSha256: s.contentSha256 }));
        else console.log(`signature OK: ${r.format.toUpperCase()} report signed by ${s.signer} with key ${s.keyId} at ${s.signedAt} (content sha256 ${s.contentSha256})\n签名有效`);
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
