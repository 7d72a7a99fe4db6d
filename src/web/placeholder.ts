/** The page at `/` until the web application lands: what this server is and where its API is. */
const TEXT = {
  'zh-CN': {
    title: 'netreview — 网络产品和服务安全审查',
    lead: '本服务依据《网络产品和服务安全审查办法（试行）》（2017）运行网络安全审查：申报、认定、研判、第三方评估、专家综合评估、决定、发布与持续监督。',
    api: 'HTTP 接口说明（OpenAPI 3.1）',
    register: '已公开发布的审查结果',
    health: '运行状态',
    note: '网页应用尚在建设中；当前可通过 HTTP 接口和命令行 netreview 使用全部流程。',
  },
  en: {
    title: 'netreview — cybersecurity review of network products and services',
    lead: 'This server runs cybersecurity reviews under the 2017 Interim Security Review Measures: declaration, determination, triage, third-party assessment, expert evaluation, decision, release and continuing supervision.',
    api: 'HTTP API description (OpenAPI 3.1)',
    register: 'Results released to the public',
    health: 'Service status',
    note: 'The web application is being built; the whole lifecycle is available through the HTTP API and the netreview CLI.',
  },
} as const;

export function renderPlaceholder(locale: 'zh-CN' | 'en'): string {
  const t = TEXT[locale];
  const other = locale === 'zh-CN' ? TEXT.en : TEXT['zh-CN'];
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<style>body{font-family:system-ui,"Noto Sans SC",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1b1f24}a{color:#0b5cad}a:focus{outline:3px solid #f5a623}</style></head>
<body><main>
<h1>${t.title}</h1>
<p>${t.lead}</p>
<ul><li><a href="/api/openapi.json">${t.api}</a></li><li><a href="/api/v1/public/results">${t.register}</a></li><li><a href="/api/health">${t.health}</a></li></ul>
<p>${t.note}</p>
<hr><p lang="${locale === 'zh-CN' ? 'en' : 'zh-CN'}">${other.lead}</p>
</main></body></html>`;
}
