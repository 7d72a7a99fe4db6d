export { parsePurl, tryParsePurl, formatPurl, normalizePurl, encodePurlComponent, PurlError, MAX_PURL_LENGTH } from './purl.ts';
export type { Purl } from './purl.ts';
export { purlToOsv } from './osv.ts';
export type { OsvPackage } from './osv.ts';
export { parseCpe, tryParseCpe, formatCpe23, normalizeCpe, CpeError, CPE_ANY, CPE_NA, MAX_CPE_LENGTH } from './cpe.ts';
export type { Cpe } from './cpe.ts';
