import type { ImportCounts } from '../supply-chain/advisories/index.ts';
import type { SbomAnalysis, SupplyChainFinding } from '../supply-chain/findings/index.ts';
import type { NtiaElement, ParsedSbom } from '../supply-chain/sbom/index.ts';

export type Lang = 'zh-CN' | 'en';

const TEXT = {
  en: {
    sbom: 'SBOM', components: 'components', warnings: 'warnings', product: 'Product', supplier: 'supplier', unknown: '(unknown)',
    advisories: 'Advisories', loaded: 'loaded', skipped: 'files skipped', errors: 'files unreadable', noAdvisories: 'none given (--advisories PATH): no matching done',
    ntia: 'NTIA minimum elements', score: 'score', conformant: 'conformant', notConformant: 'not conformant', missingFor: 'missing for',
    provenance: 'Provenance (Art. 4(2))', suppliers: 'suppliers', unknownSupplier: 'unknown supplier', licences: 'licence expressions', noLicence: 'no licence',
    depth: 'depth', max: 'max', mean: 'mean', direct: 'direct', transitive: 'transitive', unreachable: 'unreachable',
    firstParty: 'first-party (Art. 4(1))', thirdParty: 'third-party (Art. 4(2))',
    findings: 'Findings', suppressed: 'suppressed by VEX', none: 'no component matches an advisory',
    head: ['SEVERITY', 'SCORE', 'ADVISORY', 'COMPONENT', 'FIXED IN', 'DEPTH', 'ART.4', 'VEX'],
    noFix: '-', more: 'more (use --format json for all)',
  },
  'zh-CN': {
    sbom: '软件物料清单', components: '个组件', warnings: '条警告', product: '产品', supplier: '供应商', unknown: '（未知）',
    advisories: '漏洞公告', loaded: '已载入', skipped: '个文件已跳过', errors: '个文件无法读取', noAdvisories: '未提供（--advisories PATH）：未做匹配',
    ntia: 'NTIA 最低要素', score: '得分', conformant: '符合', notConformant: '不符合', missingFor: '缺失组件数',
    provenance: '来源（第四条第二项）', suppliers: '供应商', unknownSupplier: '供应商未知', licences: '许可证表达式', noLicence: '无许可证',
    depth: '依赖深度', max: '最大', mean: '平均', direct: '直接依赖', transitive: '传递依赖', unreachable: '不可达',
    firstParty: '自有组件（第四条第一项）', thirdParty: '第三方组件（第四条第二项）',
    findings: '发现', suppressed: '已由 VEX 排除', none: '没有组件与漏洞公告匹配',
    head: ['严重程度', '评分', '公告', '组件', '修复版本', '深度', '第四条', 'VEX'],
    noFix: '-', more: '条未显示（用 --format json 查看全部）',
  },
} as const satisfies Record<Lang, Record<string, string | readonly string[]>>;

const ELEMENT = {
  supplier: { en: 'supplier', 'zh-CN': '供应商' },
  name: { en: 'component name', 'zh-CN': '组件名称' },
  version: { en: 'version', 'zh-CN': '版本' },
  uniqueIdentifier: { en: 'unique identifier', 'zh-CN': '唯一标识' },
  dependencyRelationship: { en: 'dependency relationship', 'zh-CN': '依赖关系' },
  author: { en: 'author of SBOM data', 'zh-CN': '清单作者' },
  timestamp: { en: 'timestamp', 'zh-CN': '时间戳' },
} as const satisfies Record<NtiaElement, Record<Lang, string>>;

export interface ReportInput {
  file: string;
  sbom: ParsedSbom;
  analysis: SbomAnalysis;
  advisories: { source: string; counts: ImportCounts } | null;
  lang: Lang;
  /** Findings listed at most (the rest are counted). */
  limit: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const num = (n: number): string => n.toLocaleString('en');

export function formatReport(r: ReportInput): string {
  const t = TEXT[r.lang];
  const { sbom, analysis } = r;
  const p = analysis.provenance;
  const out: string[] = [];
  out.push(`${t.sbom}  ${r.file}  ${sbom.format} ${sbom.specVersion}  ${num(sbom.components.length)} ${t.components}${sbom.warnings.length ? `  (${sbom.warnings.length} ${t.warnings})` : ''}`);
  out.push(`${t.product}  ${p.product.name ?? t.unknown} ${p.product.version ?? ''}  ${t.supplier}: ${p.product.supplier ?? t.unknown}`);
  if (r.advisories === null) out.push(`${t.advisories}  ${t.noAdvisories}`);
  else {
    const c = r.advisories.counts;
    const skipped = Object.values(c.skipped).reduce((a, b) => a + b, 0);
    out.push(`${t.advisories}  ${num(c.advisories)} ${t.loaded} (${r.advisories.source}); ${skipped} ${t.skipped}, ${c.errors} ${t.errors}`);
  }
  out.push('');
  const n = analysis.ntia;
  out.push(`${t.ntia}  ${t.score} ${n.score}/100  (${n.conformant ? t.conformant : t.notConformant})`);
  for (const e of n.elements) {
    if (e.present) continue;
    out.push(`  ${ELEMENT[e.element][r.lang].padEnd(24)} ${t.missingFor} ${num(e.missing)}/${num(n.components)}${e.examples.length ? `  e.g. ${e.examples.slice(0, 3).join(', ')}` : ''}`);
  }
  out.push('');
  out.push(t.provenance);
  out.push(`  ${t.suppliers}: ${p.suppliers.length}; ${t.unknownSupplier} ${num(p.unknownSupplier)}/${num(p.components)} (${pct(p.unknownSupplierShare)})`);
  for (const s of p.suppliers.slice(0, 5)) out.push(`    ${String(s.components).padStart(6)}  ${s.supplier}`);
  out.push(`  ${t.licences}: ${p.licences.length}; ${t.noLicence} ${num(p.unknownLicence)}`);
  for (const l of p.licences.slice(0, 5)) out.push(`    ${String(l.components).padStart(6)}  ${l.expression}`);
  out.push(`  ${t.depth}: ${t.max} ${p.maxDepth}, ${t.mean} ${p.meanDepth.toFixed(2)}; ${t.direct} ${num(p.direct)}, ${t.transitive} ${num(p.transitive)}, ${t.unreachable} ${num(p.unreachable)}`);
  out.push(`  ${t.firstParty} ${num(p.firstParty)}, ${t.thirdParty} ${num(p.thirdParty)}`);
  if (r.advisories === null) return out.join('\n');
  out.push('');
  const c = analysis.counts;
  const sev = Object.entries(c.bySeverity).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ');
  out.push(`${t.findings}  ${c.total}${c.suppressed ? ` (${c.suppressed} ${t.suppressed})` : ''}${sev ? ` — ${sev}` : ''}`);
  if (analysis.findings.length === 0) {
    out.push(`  ${t.none}`);
    return out.join('\n');
  }
  const rows = analysis.findings.slice(0, r.limit).map((f) => row(f, t.noFix));
  out.push(...table([...t.head], rows).map((l) => `  ${l}`));
  if (analysis.findings.length > r.limit) out.push(`  … ${analysis.findings.length - r.limit} ${t.more}`);
  return out.join('\n');
}

function row(f: SupplyChainFinding, noFix: string): string[] {
  return [
    f.severity,
    f.score === null ? '' : f.score.toFixed(1),
    f.advisoryId,
    `${f.name}@${f.version ?? '?'}`,
    f.fixedVersion ?? noFix,
    f.depth === null ? '?' : String(f.depth),
    String(f.category),
    f.suppressed === null ? '' : f.suppressed.status,
  ];
}

/** Columns padded to their widest cell (East Asian characters count double). */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}
