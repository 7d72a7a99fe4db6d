import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { ProblemAlert } from '../components/form.tsx';
import { fmtBytes, fmtDateTime, label, locale, t } from '../i18n/index.ts';
import { MATERIAL_KINDS } from '../labels.ts';
import type { CaseView } from '../types.ts';
import { ReadLogTable, type MaterialRead } from '../components/read-log.tsx';
import { FileUploadForm } from '../components/file-upload.tsx';

const UPLOAD_FIELDS: FieldSpec[] = [
  // The API's filename rule: no path separators, no control characters.
  // eslint-disable-next-line no-control-regex
  { name: 'filename', label: 'material.filename', kind: 'text', required: true, maxLength: 255, pattern: /^[^/\\\u0000-\u001f]+$/ },
  { name: 'kind', label: 'material.kind', kind: 'select', required: true, options: MATERIAL_KINDS.map((k) => ({ value: k, label: label('materialKind', k) })) },
  { name: 'confidential', label: 'material.confidential', kind: 'checkbox' },
  { name: 'authenticityStatement', label: 'material.authenticity', kind: 'textarea', required: true, minLength: 10, maxLength: 4000, hint: 'material.authenticityHint' },
];

/** Art. 12: the supplier uploads with its authenticity statement; the upload shows its progress. */
function UploadForm(props: { caseId: string; onDone: () => Promise<void> }) {
  return (
    <FileUploadForm
      idPrefix="upload"
      title="material.upload"
      submitLabel="material.uploadSubmit"
      fields={UPLOAD_FIELDS}
      initial={{ confidential: true }}
      url={(qs, file) => {
        if (file.type && /^[\w.+-]+\/[\w.+-]+$/.test(file.type)) qs.set('mediaType', file.type);
        return `/api/v1/cases/${props.caseId}/materials?${qs}`;
      }}
      onDone={async (_material, values) => {
        await props.onDone();
        return t('material.uploaded', { name: String(values.filename) });
      }}
    />
  );
}

export function Undertaking(props: { caseId: string; onDone: () => Promise<void> }) {
  const [text, setText] = useState<string | Record<string, string> | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  useEffect(() => {
    api<{ text: string | Record<string, string> }>('GET', `/api/v1/cases/${props.caseId}/undertaking`).then((r) => setText(r.text), setProblem);
  }, [props.caseId]);
  return (
    <div class="undertaking">
      <h2 id="undertaking-h">{t('undertaking.title')}</h2>
      {text && <blockquote>{typeof text === 'string' ? text : (text[locale()] ?? text.en)}</blockquote>}
      <ProblemAlert problem={problem} />
      <button
        type="button"
        class="primary"
        onClick={async () => {
          try {
            await api('POST', `/api/v1/cases/${props.caseId}/undertaking`);
            await props.onDone();
          } catch (e) {
            setProblem(e as Error);
          }
        }}
      >
        {t('undertaking.accept')}
      </button>
    </div>
  );
}

function MaterialReads(props: { caseId: string; version: number }) {
  const [items, setItems] = useState<MaterialRead[] | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  useEffect(() => {
    api<{ items: MaterialRead[] }>('GET', `/api/v1/cases/${props.caseId}/material-reads`).then((r) => setItems(r.items), setProblem);
  }, [props.caseId, props.version]);
  return (
    <div>
      <h3>{t('reads.title')}</h3>
      <ProblemAlert problem={problem} />
      {items && items.length === 0 && <p>{t('reads.none')}</p>}
      {items && items.length > 0 && <ReadLogTable reads={items} testid="material-reads" />}
    </div>
  );
}

export function Materials(props: { view: CaseView; onChange: () => Promise<void> }) {
  const v = props.view;
  const can = v.abilities.can;
  const materials = v.materials ?? [];
  // Art. 12: whoever still has an undertaking to accept does so before reading.
  const mayRead = can['material.read'] && !(can['undertaking.accept'] && !v.viewer.undertakingAccepted);
  return (
    <section class="panel" aria-labelledby="materials-h">
      <h2 id="materials-h">{t('material.title')}</h2>
      {materials.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="materials-table">
            <thead>
              <tr>
                <th scope="col">{t('material.filename')}</th>
                <th scope="col">{t('material.kind')}</th>
                <th scope="col">{t('material.size')}</th>
                <th scope="col">{t('material.confidential')}</th>
                <th scope="col">{t('material.authenticity')}</th>
                <th scope="col">{t('material.uploadedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {materials.map((m) => (
                <tr key={m.id}>
                  <td>{mayRead ? <a href={`/api/v1/cases/${v.id}/materials/${m.id}/content`}>{m.filename}</a> : m.filename}</td>
                  <td>{label('materialKind', m.kind)}</td>
                  <td>{fmtBytes(m.size_bytes)}</td>
                  <td>{m.confidential ? t('common.yes') : t('common.no')}</td>
                  <td>{m.authenticity_statement}</td>
                  <td>
                    {fmtDateTime(m.uploaded_at)} · {m.uploaded_by}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can['material.upload'] && <UploadForm caseId={v.id} onDone={props.onChange} />}
      {can['material.access_log'] && <MaterialReads caseId={v.id} version={v.version + materials.length} />}
    </section>
  );
}
