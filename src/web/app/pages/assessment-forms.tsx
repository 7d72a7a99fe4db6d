import { useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { SpecForm } from '../components/form.tsx';
import { FileUploadForm } from '../components/file-upload.tsx';
import { fmtNum, label, t } from '../i18n/index.ts';
import type { Activity, Evidence } from '../types.ts';

/** Mirrors of the API's enumerations (the server validates again). */
export const ACTIVITY_METHODS = ['lab_test', 'on_site_check', 'online_monitoring', 'background_investigation', 'document_review'] as const;
export const EVIDENCE_KINDS = ['tool_output', 'sarif', 'document', 'photo', 'log', 'other'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// The API's filename rule: no path separators, no control characters.
// eslint-disable-next-line no-control-regex
const FILENAME = /^[^/\\\u0000-\u001f]+$/;
const activityField = (activities: Activity[]): FieldSpec => ({ name: 'activityId', label: 'plan.activity', kind: 'select', options: activities.map((a) => ({ value: a.id, label: `${label('activityMethod', a.method)}: ${a.title}` })) });

/** The assessor plans an activity by one of the Art. 3 methods. */
export function PlanActivityForm(props: { caseId: string; onDone: () => Promise<void> }) {
  // A new form (empty) after each planned activity.
  const [round, setRound] = useState(0);
  const fields: FieldSpec[] = [
    { name: 'method', label: 'plan.method', kind: 'select', required: true, options: ACTIVITY_METHODS.map((m) => ({ value: m, label: label('activityMethod', m) })) },
    { name: 'title', label: 'plan.activityTitle', kind: 'text', required: true, maxLength: 300 },
    { name: 'scope', label: 'plan.scope', kind: 'textarea', required: true, maxLength: 4000 },
    { name: 'plannedStart', label: 'plan.plannedStart', kind: 'date', pattern: DATE },
    { name: 'plannedEnd', label: 'plan.plannedEnd', kind: 'date', pattern: DATE },
  ];
  return (
    <div class="action-form" role="region" aria-labelledby="plan-form-h">
      <h3 id="plan-form-h">{t('plan.add')}</h3>
      <SpecForm
        key={round}
        idPrefix="plan"
        fields={fields}
        submitLabel={t('plan.add')}
        onSubmit={async (body) => {
          await api('POST', casePath(props.caseId, 'assessment-plan/activities'), body);
          setRound((r) => r + 1);
          await props.onDone();
        }}
      />
    </div>
  );
}

/** SHA-256 of the file in the browser where it can (a secure context), to compare with the server's. */
async function localSha256(file: File): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const d = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function EvidenceUpload(props: { caseId: string; activities: Activity[]; onDone: () => Promise<void> }) {
  const fields: FieldSpec[] = [
    { name: 'filename', label: 'material.filename', kind: 'text', required: true, maxLength: 255, pattern: FILENAME },
    { name: 'kind', label: 'evidence.kind', kind: 'select', required: true, options: EVIDENCE_KINDS.map((k) => ({ value: k, label: label('evidenceKind', k) })) },
    activityField(props.activities),
    { name: 'description', label: 'field.description', kind: 'textarea', maxLength: 4000 },
  ];
  return (
    <FileUploadForm<Evidence>
      idPrefix="evidence"
      title="evidence.upload"
      submitLabel="evidence.uploadSubmit"
      fields={fields}
      url={(qs) => casePath(props.caseId, `evidence?${qs}`)}
      onDone={async (e, _v, file) => {
        const mine = await localSha256(file);
        await props.onDone();
        const check = mine === null ? '' : mine === e.sha256 ? ` ${t('evidence.hashMatches')}` : ` ${t('evidence.hashDiffers')}`;
        return `${t('evidence.uploaded', { name: e.filename, sha: e.sha256 })}${check}`;
      }}
    />
  );
}

/** A lab tool's SARIF 2.1.0 log: each result becomes a finding, the log is kept as evidence. */
export function SarifImport(props: { caseId: string; activities: Activity[]; onDone: () => Promise<void> }) {
  const fields: FieldSpec[] = [
    { name: 'filename', label: 'material.filename', kind: 'text', required: true, maxLength: 255, pattern: FILENAME },
    { name: 'category', label: 'field.category', kind: 'select', hint: 'sarif.categoryHint', options: [1, 2, 3, 4, 5].map((c) => ({ value: String(c), label: t('findings.category', { n: c }) })) },
    activityField(props.activities),
    { name: 'description', label: 'field.description', kind: 'textarea', maxLength: 4000 },
  ];
  return (
    <FileUploadForm<{ findingIds: string[]; tools: string[]; skipped: number }>
      idPrefix="sarif"
      title="sarif.title"
      submitLabel="sarif.submit"
      fields={fields}
      url={(qs) => casePath(props.caseId, `findings/import-sarif?${qs}`)}
      onDone={async (r) => {
        await props.onDone();
        return t('sarif.done', { n: fmtNum(r.findingIds.length), tools: r.tools.join(t('common.listSep')), skipped: fmtNum(r.skipped) });
      }}
    />
  );
}

/** The assessor moves an activity along its status table, recording when it actually ran. */
export function ActivityStatusForm(props: { caseId: string; activity: Activity; onDone: () => Promise<void>; onCancel: () => void }) {
  const a = props.activity;
  return (
    <div id="activity-form" class="action-form" role="region" aria-labelledby="activity-form-h">
      <h3 id="activity-form-h">{t('plan.update', { title: a.title })}</h3>
      <SpecForm
        key={a.id}
        idPrefix="activity"
        fields={[
          { name: 'status', label: 'plan.status', kind: 'select', required: true, options: a.nextStatuses.map((s) => ({ value: s, label: label('activityStatus', s) })) },
          { name: 'actualStart', label: 'plan.actualStart', kind: 'date', pattern: DATE },
          { name: 'actualEnd', label: 'plan.actualEnd', kind: 'date', pattern: DATE },
        ]}
        submitLabel={t('plan.updateSubmit')}
        onCancel={props.onCancel}
        onSubmit={async (body) => {
          await api('POST', casePath(props.caseId, `assessment-plan/activities/${encodeURIComponent(a.id)}`), body);
          await props.onDone();
        }}
      />
    </div>
  );
}
