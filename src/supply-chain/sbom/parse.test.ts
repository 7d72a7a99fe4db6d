import { describe, expect, it } from 'vitest';
import type { Sbom } from '../model.ts';
import { parseSbom } from './parse.ts';
import { fixture } from './fixtures/fixture.ts';

const byName = (s: Sbom, name: string) => {
  const c = s.components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
};

/** Everything but format and the wording of places, to compare one SBOM read from two encodings. */
const content = (s: Sbom) => ({
  root: s.root,
  components: [...s.components].sort((a, b) => a.ref.localeCompare(b.ref)),
  dependencies: [...s.dependencies].map(([k, v]) => [k, [...v].sort()]).sort(),
  authors: s.authors,
  tools: s.tools,
  timestamp: s.timestamp,
  name: s.name,
  serialNumber: s.serialNumber,
  warnings: s.warnings.map((w) => w.message),
});

describe('CycloneDX 1.6 JSON', () => {
  const s = parseSbom(fixture('cyclonedx-1.6.json'));

  it('reads document metadata', () => {
    expect(s.format).toBe('cyclonedx-json');
    expect(s.specVersion).toBe('1.6');
    expect(s.serialNumber).toBe('urn:uuid:1b671687-395b-41f5-a30f-a58921a69b79');
    expect(s.timestamp).toBe('2024-03-01T10:00:00Z');
    expect(s.authors).toEqual(['Jane Reviewer']);
    expect(s.tools).toEqual(['cyclonedx-npm 1.19.0']);
  });

  it('keeps the root product apart from the components, first-party', () => {
    expect(s.root).toMatchObject({ ref: 'acme-gateway', name: 'acme-gateway', version: '4.2.0', supplier: 'Acme Networks', firstParty: true });
    expect(s.components.map((c) => c.ref)).not.toContain('acme-gateway');
  });

  it('flattens nested components and records containment as an edge', () => {
    expect(s.components).toHaveLength(8);
    expect(byName(s, 'body-parser').ref).toBe('body-parser');
    expect(s.dependencies.get('express')).toEqual(expect.arrayContaining(['lodash', 'body-parser']));
    expect(s.dependencies.get('express')).toHaveLength(2);
  });

  it('normalises identity: purl canonical form, OSV ecosystem and package name', () => {
    expect(byName(s, 'Django_Rest')).toMatchObject({ purl: 'pkg:pypi/django-rest@3.14.0', ecosystem: 'PyPI', packageName: 'django-rest' });
    expect(byName(s, 'core')).toMatchObject({ purl: 'pkg:npm/%40angular/core@15.0.0', ecosystem: 'npm', packageName: '@angular/core' });
    expect(byName(s, 'log4j-core')).toMatchObject({ ecosystem: 'Maven', packageName: 'org.apache.logging.log4j:log4j-core', cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*' });
    expect(byName(s, 'libssl3')).toMatchObject({
      purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
      ecosystem: 'Debian:12',
      packageName: 'openssl',
    });
  });

  it('keeps supplier (supplier, else publisher), author, hashes (lower-case hex) and licences as SPDX expressions', () => {
    expect(byName(s, 'lodash')).toMatchObject({
      supplier: 'OpenJS Foundation',
      licenses: 'MIT',
      hashes: [{ alg: 'SHA-256', value: 'e6b1000b94e835ffd37f4c6dcbdad43f4b48a02ae6b1000b94e835ffd37f4c6d' }],
    });
    expect(byName(s, 'express')).toMatchObject({ supplier: 'TJ Holowaychuk', licenses: 'MIT OR Apache-2.0' });
    expect(byName(s, 'Django_Rest').author).toBe('Django Software Foundation');
    expect(byName(s, 'acme-utils').licenses).toBe('LicenseRef-Acme-Proprietary-Licence');
  });

  it('marks components sharing the root supplier or group as first-party, leaves the rest unknown', () => {
    expect(byName(s, 'acme-utils').firstParty).toBe(true);
    expect(byName(s, 'lodash').firstParty).toBeUndefined();
  });

  it('warns, with a JSON pointer, about a missing version and a dangling dependency', () => {
    expect(s.warnings).toEqual([
      { at: '/components/5/version', message: "component 'acme-utils' has no version" },
      { at: '/dependencies/3/dependsOn/1', message: "'ghost-ref' names no component; edge dropped" },
    ]);
    expect(s.dependencies.get('acme-utils')).toEqual(['scope-core']);
  });

  it('keeps a leaf listed with no dependencies as an empty list', () => {
    expect(s.dependencies.get('lodash')).toEqual([]);
  });
});

describe('CycloneDX XML', () => {
  it('reads 1.6 XML into the same SBOM as the same document in JSON, with line numbers for places', () => {
    const xml = parseSbom(fixture('cyclonedx-1.6.xml'));
    const json = parseSbom(fixture('cyclonedx-1.6.json'));
    expect(xml.format).toBe('cyclonedx-xml');
    expect(content(xml)).toEqual(content(json));
    expect(xml.warnings.map((w) => w.at)).toEqual(['line 71', 'line 98']);
  });

  it('reads 1.5 with a namespace prefix on every element', () => {
    const s = parseSbom(fixture('cyclonedx-1.5.xml'));
    expect(s.specVersion).toBe('1.5');
    expect(s.root).toMatchObject({ name: 'switch-os', supplier: 'Example Switch Co.' });
    expect(s.tools).toEqual(['cyclonedx-maven-plugin 2.7.9']);
    expect(byName(s, 'netty-codec-http')).toMatchObject({
      packageName: 'io.netty:netty-codec-http',
      licenses: 'Apache-2.0 AND LicenseRef-BSD-style',
      hashes: [{ alg: 'MD5', value: '3942447fac867ae5cdb3229b658f4d48' }],
    });
    expect(s.dependencies.get('switch-os')).toEqual(['netty', 'no-version']);
    expect(s.warnings).toEqual([
      { at: 'line 23', message: 'SHA-256 value is not 64 hex digits; skipped' },
      { at: 'line 37', message: "component 'mystery-blob' has no version" },
      { at: 'line 37', message: 'invalid purl: maven purl needs a namespace' },
    ]);
  });
});

describe('CycloneDX 1.4 JSON', () => {
  const s = parseSbom(fixture('cyclonedx-1.4.json'));
  it('reads the 1.4 tools array, SWID tags, CPE 2.2 URIs and distribution purls', () => {
    expect(s.tools).toEqual(['syft 0.80.0']);
    expect(byName(s, 'fw-agent')).toMatchObject({ swid: 'swidgen-fw-agent-2.0.3' });
    expect(byName(s, 'libcrypto3')).toMatchObject({ ecosystem: 'Alpine:v3.18', packageName: 'openssl', cpe: 'cpe:2.3:a:openssl:libcrypto3:3.1.4-r0:*:*:*:*:*:*:*' });
    expect(byName(s, 'openssl-libs')).toMatchObject({ ecosystem: 'AlmaLinux:9', packageName: 'openssl', version: '1:3.0.7-27.el9' });
    expect(byName(s, 'github.com/BurntSushi/toml')).toMatchObject({ ecosystem: 'Go', packageName: 'github.com/BurntSushi/toml' });
    expect(s.warnings).toEqual([]);
  });
});

describe('SPDX 2.3', () => {
  const json = parseSbom(fixture('spdx-2.3.json'));
  it('reads packages, the DESCRIBES root, creators and relationships', () => {
    expect(json.format).toBe('spdx-json');
    expect(json.specVersion).toBe('2.3');
    expect(json.root).toMatchObject({ ref: 'SPDXRef-router', type: 'firmware', supplier: 'Example Routers Ltd', licenses: 'LicenseRef-Proprietary' });
    expect(json.authors).toEqual(['Example Routers Ltd']);
    expect(json.tools).toEqual(['spdx-sbom-generator-0.0.15']);
    expect(json.components.map((c) => c.ref)).toEqual(['SPDXRef-requests', 'SPDXRef-urllib3', 'SPDXRef-busybox', 'SPDXRef-orphan']);
    // DEPENDENCY_OF points the other way; the file and GENERATED_FROM are no dependency edges.
    expect([...json.dependencies]).toEqual([
      ['SPDXRef-router', ['SPDXRef-requests', 'SPDXRef-busybox']],
      ['SPDXRef-requests', ['SPDXRef-urllib3']],
    ]);
  });

  it('takes supplier, checksums, licence (concluded, else declared), purl and cpe from packages', () => {
    expect(byName(json, 'requests')).toMatchObject({
      supplier: 'Kenneth Reitz',
      licenses: 'Apache-2.0',
      purl: 'pkg:pypi/requests@2.28.1',
      cpe: 'cpe:2.3:a:python:requests:2.28.1:*:*:*:*:*:*:*',
      hashes: [{ alg: 'SHA-256', value: '7c5599b102feddaa661c826c56ab4fee28bfd17f5abca1ebbe3e7f19d7c97983' }],
    });
    expect(byName(json, 'urllib3').supplier).toBeUndefined();
    expect(byName(json, 'busybox')).toMatchObject({ ecosystem: 'Alpine:v3.18', packageName: 'busybox' });
  });

  it('reads tag-value (multi-line <text>, relationships anywhere) into the same SBOM, naming lines', () => {
    const tv = parseSbom(fixture('spdx-2.3.spdx'));
    expect(tv.format).toBe('spdx-tag-value');
    expect(content(tv)).toEqual(content(json));
    expect(tv.warnings).toEqual([
      { at: 'line 38', message: 'MD5 value is not 32 hex digits; skipped' },
      { at: 'line 61', message: "component 'orphan-lib' has no version" },
    ]);
    expect(json.warnings.map((w) => w.at)).toEqual(['/packages/1/checksums/1', '/packages/4/versionInfo']);
  });

  it('detects tag-value by content even in a file named .json', () => {
    const s = parseSbom(fixture('spdx-tag-value-named.json'));
    expect(s.format).toBe('spdx-tag-value');
    expect(s.root).toMatchObject({ name: 'zlib', version: '1.2.13', purl: 'pkg:generic/zlib@1.2.13' });
  });

  it('gathers several described packages under a root standing for the document', () => {
    const doc = JSON.parse(fixture('spdx-2.3.json').toString('utf8')) as { relationships: object[] };
    doc.relationships.push({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-orphan' });
    const s = parseSbom(JSON.stringify(doc));
    expect(s.root).toMatchObject({ ref: 'SPDXRef-DOCUMENT', name: 'edge-router-3.1' });
    expect(s.dependencies.get('SPDXRef-DOCUMENT')).toEqual(['SPDXRef-router', 'SPDXRef-orphan']);
    expect(s.components.map((c) => c.ref)).toContain('SPDXRef-router');
  });
});

describe('SPDX 3.0 JSON-LD', () => {
  const s = parseSbom(fixture('spdx-3.0.jsonld'));
  it('reads packages, agents, creation info, the Sbom root and relationships', () => {
    expect(s.format).toBe('spdx3-jsonld');
    expect(s.specVersion).toBe('3.0.1');
    expect(s.name).toBe('firewall-sbom');
    expect(s.timestamp).toBe('2024-04-02T00:00:00Z');
    expect(s.authors).toEqual(['Acme Networks']);
    expect(s.tools).toEqual(['sbom-gen 2.0']);
    expect(s.root).toMatchObject({ name: 'firewall', version: '9.0', supplier: 'Acme Networks', type: 'firmware' });
    expect(s.dependencies.get('urn:example:pkg:firewall')).toEqual(['urn:example:pkg:serde', 'urn:example:pkg:curl']);
  });

  it('takes purl, cpe, hashes and licences (concluded over declared)', () => {
    expect(byName(s, 'serde')).toMatchObject({
      ecosystem: 'crates.io',
      licenses: 'MIT OR Apache-2.0',
      hashes: [{ alg: 'SHA-256', value: 'e326c9ec8042f1b5da33252c8a37e9ffbd2c9bef0155215b6e6c80c790e05f91' }],
    });
    expect(byName(s, 'curl')).toMatchObject({ ecosystem: 'Debian:12', licenses: 'curl', cpe: 'cpe:2.3:a:haxx:curl:7.88.1:*:*:*:*:*:*:*' });
    expect(s.warnings).toEqual([]);
  });
});

describe('wrapped and encoded inputs', () => {
  it('reads an SBOM inside an in-toto attestation, saying so', () => {
    const inner = JSON.parse(fixture('cyclonedx-1.4.json').toString('utf8')) as object;
    const s = parseSbom(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://cyclonedx.org/bom', subject: [], predicate: inner }));
    expect(s.components).toHaveLength(4);
    expect(s.warnings[0]).toMatchObject({ at: '/predicate' });
  });

  it('decodes UTF-16 (both byte orders, with a BOM) and strips a UTF-8 BOM', () => {
    const text = fixture('cyclonedx-1.4.json').toString('utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const buf of [le, be, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const s = parseSbom(buf);
      expect(s.components).toHaveLength(4);
    }
    expect(parseSbom(le).warnings[0]).toEqual({ at: 'byte 0', message: 'decoded as UTF-16LE (byte-order mark)' });
  });

  it('guesses UTF-16 without a BOM from its zero bytes', () => {
    const s = parseSbom(Buffer.from(fixture('spdx-2.3.spdx').toString('utf8'), 'utf16le'));
    expect(s.format).toBe('spdx-tag-value');
    expect(s.warnings[0]?.message).toMatch(/UTF-16LE \(no byte-order mark/);
  });

  it('falls back to Latin-1 for legacy 8-bit text, with a warning naming the first bad byte', () => {
    const text = fixture('cyclonedx-1.4.json').toString('utf8').replaceAll('fw-agent', 'fw-agént');
    const s = parseSbom(Buffer.from(text, 'latin1'));
    expect(s.components.map((c) => c.name)).toContain('fw-agént');
    expect(s.warnings[0]?.message).toBe('not valid UTF-8; decoded as Latin-1');
  });
});
