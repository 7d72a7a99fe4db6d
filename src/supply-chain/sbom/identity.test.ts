import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Component } from '../model.ts';
import { IdentityResolver } from './identity.ts';

const blank = (): Component => ({ ref: 'x', name: 'x', hashes: [] });

/** The fast path must give exactly what the full parser gives, or step aside for it. */
function agree(raw: string): void {
  const c = blank();
  const fast = new IdentityResolver().applyPurl(c, raw);
  const slow = new IdentityResolver().purl(raw);
  if (slow.error !== undefined) {
    expect(fast).toBe(slow.error);
    expect(c.purl).toBeUndefined();
    return;
  }
  expect(fast).toBeUndefined();
  expect({ purl: c.purl, ecosystem: c.ecosystem, packageName: c.packageName }).toEqual({
    purl: slow.purl,
    ecosystem: slow.ecosystem,
    packageName: slow.packageName,
  });
}

describe('IdentityResolver', () => {
  it.each([
    'pkg:npm/lodash@4.17.21',
    'pkg:npm/%40angular/core@15.0.0',
    'pkg:npm/%40Angular/core@15.0.0',
    'pkg:npm/@angular/core@15.0.0',
    'pkg:pypi/Django_Rest@3.14.0',
    'pkg:pypi/django-rest@3.14.0',
    'pkg:maven/org.apache/commons@1.0?type=jar&classifier=x',
    'pkg:maven/org.apache/commons@1.0?classifier=x&type=jar',
    'pkg:maven/commons@1.0',
    'pkg:golang/github.com/BurntSushi/toml@v1.2.1',
    'pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc',
    'pkg:deb/debian/libc6@2.36-9?arch=amd64&upstream=glibc%402.36-9&distro=debian-12',
    'pkg:rpm/AlmaLinux/openssl@3.0.7?distro=almalinux-9.4',
    'pkg:rpm/almalinux/openssl@3.0.7?distro=almalinux-9.4&upstream=openssl-3.0.7-27.el9.src.rpm',
    'pkg:apk/alpine/busybox@1.36.1-r0?arch=x86_64&distro=alpine-3.18.4',
    'pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?distro=debian-12',
    'pkg:deb/debian/curl@7.88.1-10%2bdeb12u5?distro=debian-12',
    'pkg:generic/openssl@3.0.0?download_url=https%3A%2F%2Fopenssl.org',
    'pkg:npm/a@1#sub/path',
    'pkg:npm/a@1?',
    'pkg:npm/a@',
    'pkg:npm//a@1',
    'pkg:npm/a@1?A=1',
    'pkg:npm/a@1?a=',
    'pkg:npm/a%2Fb@1',
    // Found by the property below: an escaped blank name is empty to the full parser.
    'pkg:npm/%20',
    'pkg:npm/%20%20@1',
    'pkg:maven/%20/x@1',
    'not a purl',
  ])('fast and full paths agree on %s', (raw) => agree(raw));

  it('agrees with the full parser on generated purls, canonical or not', () => {
    const chars = fc.constantFrom(...'aAzZ09._-~:@%/?&=#+ 2F4'.split(''));
    const tail = fc.array(chars, { maxLength: 30 }).map((a) => a.join(''));
    const type = fc.constantFrom('npm', 'pypi', 'maven', 'golang', 'deb', 'rpm', 'apk', 'cargo', 'generic', 'pub', 'NPM');
    fc.assert(fc.property(type, tail, (t, rest) => agree(`pkg:${t}/${rest}`)), { numRuns: 5000 });
  });

  it('caches CPE normalisation and reports errors', () => {
    const ids = new IdentityResolver();
    expect(ids.cpe('cpe:/a:apache:log4j:2.14.1')).toBe('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*');
    expect(ids.cpe('log4j')).toBeInstanceOf(Error);
  });
});
