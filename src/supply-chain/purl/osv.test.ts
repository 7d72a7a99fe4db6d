import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePurl } from './purl.ts';
import { purlToOsv } from './osv.ts';
import { requireSharedData, sharedPath } from '../../../test/shared-data.ts';

const osv = (s: string) => purlToOsv(parsePurl(s));

describe('purlToOsv: language ecosystems', () => {
  const cases: [string, string, string][] = [
    ['pkg:pypi/Django_Rest_Framework@3.14', 'PyPI', 'django-rest-framework'],
    ['pkg:pypi/zope.interface@5', 'PyPI', 'zope-interface'],
    ['pkg:npm/lodash@4.17.20', 'npm', 'lodash'],
    ['pkg:npm/%40angular/core@15.0.0', 'npm', '@angular/core'],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar', 'Maven', 'org.apache.logging.log4j:log4j-core'],
    ['pkg:golang/github.com/BurntSushi/toml@v1.2.1', 'Go', 'github.com/BurntSushi/toml'],
    ['pkg:golang/stdlib@1.21.0', 'Go', 'stdlib'],
    ['pkg:cargo/Serde@1.0.150', 'crates.io', 'serde'],
    ['pkg:gem/rails@7.0.4', 'RubyGems', 'rails'],
    ['pkg:nuget/Newtonsoft.Json@13.0.1', 'NuGet', 'newtonsoft.json'],
    ['pkg:composer/laravel/framework@7.12.0', 'Packagist', 'laravel/framework'],
    ['pkg:hex/phoenix@1.7.0', 'Hex', 'phoenix'],
    ['pkg:pub/http@0.13.5', 'Pub', 'http'],
    ['pkg:swift/github.com/apple/swift-nio@2.40.0', 'SwiftURL', 'github.com/apple/swift-nio'],
  ];
  it.each(cases)('%s → %s %s', (purl, ecosystem, packageName) => {
    expect(osv(purl)).toEqual({ ecosystem, packageName });
  });
});

describe('purlToOsv: distribution packages take release and source package', () => {
  const cases: [string, string, string][] = [
    ['pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12', 'Debian:12', 'openssl'],
    ['pkg:deb/debian/curl@7.74.0-1.3?arch=amd64&distro=debian-11.6', 'Debian:11', 'curl'],
    ['pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie', 'Debian:8', 'curl'],
    ['pkg:deb/debian/libc6@2.36-9?upstream=glibc%402.36-9&distro=debian-bookworm', 'Debian:12', 'glibc'],
    ['pkg:deb/debian/curl@7.50.3-1', 'Debian', 'curl'],
    ['pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.15?distro=ubuntu-22.04', 'Ubuntu:22.04:LTS', 'curl'],
    ['pkg:deb/ubuntu/curl@8.2.1?distro=ubuntu-23.10', 'Ubuntu:23.10', 'curl'],
    ['pkg:deb/ubuntu/bash@5.1?distro=jammy', 'Ubuntu:22.04:LTS', 'bash'],
    ['pkg:rpm/almalinux/openssl-libs@3.0.7-27.el9?arch=x86_64&upstream=openssl-3.0.7-27.el9.src.rpm&distro=almalinux-9.4', 'AlmaLinux:9', 'openssl'],
    ['pkg:rpm/rocky/kernel@5.14.0?distro=rocky-9.2', 'Rocky Linux:9', 'kernel'],
    ['pkg:rpm/redhat/openssl@1.1.1k-7.el8_6?distro=rhel-8.6', 'Red Hat', 'openssl'],
    ['pkg:rpm/opensuse/libopenssl3@3.0.8?distro=opensuse-leap-15.5', 'openSUSE:Leap 15.5', 'libopenssl3'],
    ['pkg:rpm/suse/libopenssl3@3.0.8?distro=sles-15.4', 'SUSE:Linux Enterprise Server 15 SP4', 'libopenssl3'],
    ['pkg:rpm/mageia/bash@5.2?distro=mageia-9', 'Mageia:9', 'bash'],
    ['pkg:apk/alpine/libcrypto3@3.1.4-r0?arch=x86_64&upstream=openssl&distro=alpine-3.18.4', 'Alpine:v3.18', 'openssl'],
    ['pkg:apk/alpine/busybox@1.36.1-r0?distro=3.19.1', 'Alpine:v3.19', 'busybox'],
    ['pkg:apk/wolfi/glibc@2.38-r1', 'Wolfi', 'glibc'],
  ];
  it.each(cases)('%s → %s %s', (purl, ecosystem, packageName) => {
    expect(osv(purl)).toEqual({ ecosystem, packageName });
  });

  it('has no OSV ecosystem for types and distributions OSV does not cover', () => {
    expect(osv('pkg:generic/openssl@3.0.0')).toBeUndefined();
    expect(osv('pkg:docker/library/nginx@1.25')).toBeUndefined();
    expect(osv('pkg:rpm/fedora/curl@7.50.3-1.fc25?distro=fedora-25')).toBeUndefined();
    expect(osv('pkg:deb/kali/curl@7.50.3')).toBeUndefined();
  });
});

describe.skipIf(!requireSharedData('purl → OSV ecosystems'))('every ecosystem produced is one OSV defines', () => {
  it('matches the official ecosystem list (schemas/osv/ecosystems.json)', () => {
    const known = new Set(Object.keys(JSON.parse(readFileSync(sharedPath('schemas/osv/ecosystems.json'), 'utf8')) as Record<string, string>));
    const purls = [
      'pkg:pypi/a', 'pkg:npm/a', 'pkg:maven/g/a', 'pkg:golang/g/a', 'pkg:cargo/a', 'pkg:gem/a', 'pkg:nuget/a', 'pkg:composer/v/a',
      'pkg:hex/a', 'pkg:pub/a', 'pkg:hackage/a', 'pkg:cran/a@1', 'pkg:swift/g/a', 'pkg:bitnami/a', 'pkg:conan/a', 'pkg:githubactions/o/a',
      'pkg:deb/debian/a?distro=debian-12', 'pkg:deb/ubuntu/a?distro=ubuntu-22.04', 'pkg:rpm/almalinux/a?distro=almalinux-9',
      'pkg:rpm/rocky/a?distro=rocky-9', 'pkg:rpm/redhat/a?distro=rhel-9', 'pkg:rpm/suse/a?distro=sles-15.5', 'pkg:apk/alpine/a?distro=3.18.4',
      'pkg:apk/wolfi/a', 'pkg:apk/chainguard/a', 'pkg:rpm/mageia/a?distro=mageia-9', 'pkg:rpm/photon/a?distro=photon-4.0',
    ];
    for (const p of purls) {
      const eco = osv(p)?.ecosystem;
      expect(eco, p).toBeDefined();
      expect(known.has(eco!.split(':')[0]!), `${p} → ${eco}`).toBe(true);
    }
  });
});
