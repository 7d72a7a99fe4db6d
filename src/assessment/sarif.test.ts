import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { findingTitle, parseSarif } from './sarif.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/sarif/${name}`, import.meta.url));

function refused(content: string | object): AppError {
  try {
    parseSarif(typeof content === 'string' ? content : JSON.stringify(content));
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('SARIF 2.1.0 → findings', () => {
  it('reads every result of every run: rule, message template, level → severity, locations', () => {
    const r = parseSarif(fixture('firmware-scan.sarif.json'));
    expect(r.tools).toEqual(['FirmScan', 'NetProbe']);
    expect(r.skipped).toBe(1);
    expect(r.findings).toHaveLength(4);
    const [cred, telnet, ssl, beacon] = r.findings;
    expect(cred).toMatchObject({ ruleId: 'FS001', ruleName: 'HardcodedCredential', level: 'error', severity: 'critical', message: "Hard-coded password for account 'admin' in /etc/shadow.", toolVersion: '3.4.1' });
    expect(cred!.locations).toEqual([{ uri: 'rootfs/etc/shadow', startLine: 3, startColumn: 1, endLine: null, logical: null }]);
    expect(telnet).toMatchObject({ level: 'warning', severity: 'medium' });
    expect(telnet!.locations[1]).toMatchObject({ uri: null, logical: 'service:telnetd' });
    expect(ssl).toMatchObject({ level: 'note', severity: 'low' });
    expect(findingTitle(ssl!)).toBe('FS003: libssl 1.0.2k is out of support.');
    expect(beacon).toMatchObject({ tool: 'NetProbe', ruleId: null, level: 'error', severity: 'high' });
  });

  it('takes the level from the rule’s default configuration, else warning', () => {
    const doc = { version: '2.1.0', runs: [{ tool: { driver: { name: 't', rules: [{ id: 'A', defaultConfiguration: { level: 'note' } }] } }, results: [{ ruleId: 'A', message: { text: 'x' } }, { ruleId: 'B', message: { text: 'y' } }] }] };
    expect(parseSarif(JSON.stringify(doc)).findings.map((f) => f.level)).toEqual(['note', 'warning']);
  });

  it('accepts a clean scan with no results', () => {
    expect(parseSarif(fixture('clean-scan.sarif.json'))).toEqual({ tools: ['FirmScan'], findings: [], skipped: 0 });
  });

  const bad: [string, string | object, string][] = [
    ['not JSON', '<sarif/>', '/: not JSON'],
    ['an array', '[]', '/: expected a JSON object'],
    ['SARIF 2.0', { version: '2.0.0', runs: [] }, '/version: is "2.0.0"'],
    ['no version', { runs: [] }, '/version: required'],
    ['no runs', { version: '2.1.0' }, '/runs: required'],
    ['empty runs', { version: '2.1.0', runs: [] }, '/runs: the log has no runs'],
    ['a run without a tool name', { version: '2.1.0', runs: [{ tool: { driver: {} } }] }, '/runs/0/tool/driver/name'],
    ['a result without a message', { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ ruleId: 'x' }] }] }, '/runs/0/results/0/message'],
    ['an unknown level', { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }, '/runs/0/results/0/level'],
    ['a zero start line', { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] }, 'startLine'],
    ['a rule index out of range', { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, ruleIndex: 4 }] }] }, '/runs/0/results/0/ruleIndex'],
    ['a CycloneDX BOM', { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1 }, '/version'],
  ];
  for (const [name, doc, path] of bad) {
    it(`refuses ${name}, naming where`, () => {
      const e = refused(doc);
      expect(e.code).toBe('invalid_document');
      expect(e.message).toContain(path);
      expect(e.extra.errors?.length).toBeGreaterThan(0);
    });
  }
});
