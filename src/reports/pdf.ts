/**
 * The bilingual (zh-CN + English) PDF of a security assessment report (Art. 13), set in Noto Sans
 * SC so the Chinese renders with a real CJK font on any reader, offline.
 */
import PDFDocument from 'pdfkit';
import type { Bilingual } from '../regime/types.ts';
import { reportFont } from './fonts.ts';
import type { FullReport, ReportDocument } from './model.ts';
import { SEVERITY_LABELS } from './model.ts';

const L = {
  title: { 'zh-CN': '网络产品和服务安全评估报告', en: 'Security Assessment Report on a Network Product or Service' },
  publicVersion: { 'zh-CN': '公开版本（已删除保密内容）', en: 'Public version (confidential content removed)' },
  fullVersion: { 'zh-CN': '完整版本（保密）', en: 'Full version (confidential)' },
  subject: { 'zh-CN': '一、审查对象', en: '1. Subject of the review' },
  result: { 'zh-CN': '二、审查结论', en: '2. Result of the review' },
  decision: { 'zh-CN': '三、决定理由', en: '3. Reasons for the decision' },
  conditions: { 'zh-CN': '四、审查条件', en: '4. Conditions' },
  panel: { 'zh-CN': '五、专家委员会综合评估', en: '5. Comprehensive assessment by the Experts Committee' },
  findings: { 'zh-CN': '六、第三方评价发现', en: '6. Findings of the third-party assessment' },
  ref: { 'zh-CN': '案件编号', en: 'Case reference' },
  product: { 'zh-CN': '产品或服务', en: 'Product or service' },
  supplier: { 'zh-CN': '提供者', en: 'Supplier' },
  assessor: { 'zh-CN': '第三方机构', en: 'Third-party assessor' },
  regime: { 'zh-CN': '审查依据', en: 'Legal basis' },
  outcome: { 'zh-CN': '结论', en: 'Outcome' },
  summary: { 'zh-CN': '公开摘要', en: 'Public summary' },
  released: { 'zh-CN': '发布时间', en: 'Released' },
  articles: { 'zh-CN': '所依据条款', en: 'Articles relied on' },
  owner: { 'zh-CN': '责任单位', en: 'Owner' },
  due: { 'zh-CN': '期限', en: 'Due' },
  status: { 'zh-CN': '状态', en: 'Status' },
  none: { 'zh-CN': '无', en: 'None' },
  category: { 'zh-CN': '类别', en: 'Category' },
  trust: { 'zh-CN': '提供者安全可信状况', en: 'Supplier trustworthiness' },
  dispersed: { 'zh-CN': '意见分歧较大', en: 'wide disagreement' },
  dissents: { 'zh-CN': '不同意见', en: 'Dissenting opinions' },
  page: { 'zh-CN': '第 {n} 页，共 {t} 页', en: 'page {n} of {t}' },
  generated: { 'zh-CN': '生成时间', en: 'Generated' },
  signedNote: {
    'zh-CN': '本报告由网络安全审查办公室以 Ed25519 签名；签名附于文件末尾，可用 netreview report verify 离线验证。',
    en: 'This report is signed by the Cybersecurity Review Office with Ed25519; the signature is appended to the file and can be checked offline with `netreview report verify`.',
  },
} as const satisfies Record<string, Bilingual>;

const both = (b: Bilingual) => `${b['zh-CN']}  ${b.en}`;

interface Aggregate {
  mean: number;
  median: number;
  min: number;
  max: number;
  stdDev: number;
  dispersed: boolean;
}

/** Renders the report; resolves to the PDF bytes (unsigned: see `sealPdf`). */
export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: `${L.title['zh-CN']} ${doc.case.ref}`, Author: 'netreview', Subject: L.title.en, CreationDate: new Date(doc.generatedAt) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font where its types say file path or buffer.
  pdf.registerFont('sc', reportFont('regular') as unknown as Buffer);
  pdf.registerFont('sc-bold', reportFont('bold') as unknown as Buffer);

  const h1 = (t: string) => pdf.font('sc-bold').fontSize(17).text(t, { align: 'center' });
  const h2 = (b: Bilingual) => pdf.moveDown(0.8).font('sc-bold').fontSize(12.5).text(b['zh-CN']).fontSize(10).text(b.en).moveDown(0.3);
  const field = (label: Bilingual, value: string | null | undefined) => pdf.font('sc-bold').fontSize(9.5).text(`${both(label)}: `, { continued: true }).font('sc').text(value && value.length ? value : both(L.none));
  const para = (t: string, size = 9.5) => pdf.font('sc').fontSize(size).text(t);

  h1(L.title['zh-CN']);
  pdf.font('sc').fontSize(12).text(L.title.en, { align: 'center' });
  pdf.moveDown(0.3).fontSize(10).text(both(doc.variant === 'public' ? L.publicVersion : L.fullVersion), { align: 'center' });
  pdf.moveDown(0.8);
  field(L.regime, `${doc.regime.title['zh-CN']} / ${doc.regime.title.en}`);
  field(L.generated, doc.generatedAt);

  h2(L.subject);
  field(L.ref, doc.case.ref);
  field(L.product, `${doc.case.title} — ${doc.case.productName}${doc.case.productVersion ? ` ${doc.case.productVersion}` : ''}`);
  field(L.supplier, doc.case.supplier);
  if (doc.variant === 'full') {
    field(L.assessor, doc.case.assessor);
    if (doc.case.description) para(doc.case.description);
  }

  h2(L.result);
  field(L.outcome, both(doc.result.outcomeLabel));
  field(L.summary, doc.result.publicSummary);
  field(L.released, doc.result.releasedAt);
  field(L.articles, doc.articlesCited.length ? doc.articlesCited.map((a) => `第${a}条 Art. ${a}`).join('；') : null);

  if (doc.variant === 'full') renderFull(pdf, doc, { h2, field, para });

  pdf.moveDown(1).font('sc').fontSize(8.5).fillColor('#444444').text(L.signedNote['zh-CN']).text(L.signedNote.en).fillColor('black');

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const label = (b: string) => b.replace('{n}', String(i + 1)).replace('{t}', String(range.count));
    pdf.font('sc').fontSize(8).text(`${doc.case.ref} · ${label(L.page['zh-CN'])} · ${label(L.page.en)}`, 56, pdf.page.height - 40, { align: 'center', width: pdf.page.width - 112, lineBreak: false });
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

type Helpers = { h2(b: Bilingual): unknown; field(l: Bilingual, v: string | null | undefined): unknown; para(t: string, size?: number): unknown };

function renderFull(pdf: PDFKit.PDFDocument, doc: FullReport, { h2, field, para }: Helpers): void {
  h2(L.decision);
  if (doc.decision.text) para(doc.decision.text);
  for (const r of doc.decision.reasons) para(`• [${r.articles.map((a) => `第${a}条/Art. ${a}`).join(', ')}] ${r.text}`);

  h2(L.conditions);
  if (!doc.conditions.length) para(both(L.none));
  doc.conditions.forEach((c, i) => para(`${i + 1}. ${c.text} — ${both(L.owner)}: ${c.owner ?? '-'}; ${both(L.due)}: ${c.dueDate}; ${both(L.status)}: ${c.status}`));

  h2(L.panel);
  const ca = doc.comprehensiveAssessment?.body as { aggregates?: { categories: Record<string, Aggregate>; trustworthiness: Aggregate }; dissents?: { text: string }[] } | undefined;
  if (!ca?.aggregates) para(both(L.none));
  else {
    const line = (label: string, a: Aggregate) =>
      para(`${label}: mean ${a.mean} · median ${a.median} · min ${a.min} · max ${a.max} · σ ${a.stdDev}${a.dispersed ? ` — ${both(L.dispersed)}` : ''}`, 9);
    for (const cat of doc.findings.categories) {
      const a = ca.aggregates.categories[String(cat.id)];
      if (a) line(`${both(L.category)} ${cat.id} ${cat.label['zh-CN']}`, a);
    }
    line(both(L.trust), ca.aggregates.trustworthiness);
    if (ca.dissents?.length) {
      field(L.dissents, String(ca.dissents.length));
      for (const d of ca.dissents) para(`— ${d.text}`, 9);
    }
  }

  h2(L.findings);
  const sev = Object.entries(doc.findings.bySeverity).map(([k, n]) => `${SEVERITY_LABELS[k as keyof typeof SEVERITY_LABELS]?.['zh-CN'] ?? k}/${k}: ${n}`).join('  ');
  para(`${doc.findings.total} · ${sev}`);
  pdf.moveDown(0.3);
  for (const f of doc.findings.items) {
    const s = SEVERITY_LABELS[f.severity as keyof typeof SEVERITY_LABELS];
    pdf.font('sc-bold').fontSize(9).text(`${f.n}. [${both(L.category)} ${f.category} · ${s ? both(s) : f.severity}] ${f.title}`);
    if (f.description) pdf.font('sc').fontSize(8.5).text(f.description, { indent: 12 });
  }
}
