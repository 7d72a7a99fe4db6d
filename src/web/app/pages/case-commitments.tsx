import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import { ProblemAlert, SpecForm } from '../components/form.tsx';
import { fmtDateTime, locale, t } from '../i18n/index.ts';
import { useSession } from '../session.ts';

interface Template {
  id: string;
  version: number;
  text: Record<string, string>;
  textDigest: string;
}
interface Commitment {
  id: string;
  templateId: string;
  text: Record<string, string> | null;
  keyId: string;
  product: string;
  signedAt: string;
  signedStatement: string;
  signature: string;
  submittedAt: string;
}
interface Statement {
  statement: { templateId: string; templateVersion: number; textDigest: string; caseId: string; product: string; signedAt: string };
  canonical: string;
}

const inLocale = (x: Record<string, string> | null | undefined) => x?.[locale()] ?? x?.en ?? '';

/**
 * Art. 3, 12: the supplier's commitments, signed offline with an Ed25519 key registered to its
 * organisation. The page never holds a private key: it shows the exact statement to sign and takes
 * the signature back; the server checks every byte.
 */
export function CommitmentsSection(props: { caseId: string; canSign: boolean }) {
  const { oversight } = useSession();
  const [items, setItems] = useState<Commitment[] | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [keyId, setKeyId] = useState('');
  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Commitment[] }>('GET', casePath(props.caseId, 'commitments'))).items);
    } catch (e) {
      setProblem(e as Error);
    }
  }, [props.caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section class="panel" aria-labelledby="commit-h" data-testid="commitments">
      <h2 id="commit-h">{t('commit.title')}</h2>
      <ProblemAlert problem={problem} />
      {items && items.length === 0 && <p>{t('common.none')}</p>}
      {items && items.length > 0 && (
        <ul class="plain" data-testid="commitment-list">
          {items.map((c) => (
            <li key={c.id} class="card">
              <p>{inLocale(c.text)}</p>
              <p class="meta">
                {c.product} · {t('signed.at')}: {fmtDateTime(c.signedAt)} · {t('signed.keyId')}: <code class="hash">{c.keyId}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
      {oversight?.['supplier_key.register'] && <RegisterKey onDone={setKeyId} />}
      {props.canSign && <SignCommitment caseId={props.caseId} keyId={keyId} onDone={load} />}
    </section>
  );
}

function RegisterKey(props: { onDone: (keyId: string) => void }) {
  const [registered, setRegistered] = useState<string | null>(null);
  return (
    <div class="action-form" role="region" aria-labelledby="key-h">
      <h3 id="key-h">{t('commit.registerKey')}</h3>
      {registered && (
        <p class="alert alert-ok" role="status" data-testid="key-registered">
          {t('commit.keyRegistered')} <code class="hash">{registered}</code>
        </p>
      )}
      <SpecForm
        idPrefix="key"
        fields={[
          { name: 'label', label: 'commit.keyLabel', kind: 'text', required: true, maxLength: 200 },
          { name: 'publicKeyPem', label: 'commit.publicKey', kind: 'textarea', required: true, minLength: 40, maxLength: 1000, hint: 'commit.publicKeyHint' },
        ]}
        submitLabel={t('commit.registerKey')}
        onSubmit={async (body) => {
          const r = await api<{ keyId: string }>('POST', '/api/v1/supplier-keys', { ...body, publicKeyPem: `${String(body.publicKeyPem)}\n` });
          setRegistered(r.keyId);
          props.onDone(r.keyId);
        }}
      />
    </div>
  );
}

function SignCommitment(props: { caseId: string; keyId: string; onDone: () => Promise<void> }) {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [draft, setDraft] = useState<Statement | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [signed, setSigned] = useState(false);
  useEffect(() => {
    api<{ items: Template[] }>('GET', '/api/v1/commitment-templates').then((r) => setTemplates(r.items), setProblem);
  }, []);
  const prepare = async () => {
    setProblem(null);
    setSigned(false);
    try {
      setDraft(await api<Statement>('GET', casePath(props.caseId, `commitments/statement?templateId=${encodeURIComponent(templateId)}`)));
    } catch (e) {
      setProblem(e as Error);
    }
  };
  const chosen = templates.find((x) => x.id === templateId);
  return (
    <div class="action-form" role="region" aria-labelledby="sign-h">
      <h3 id="sign-h">{t('commit.sign')}</h3>
      <div class="field">
        <label for="commit-template">{t('commit.template')}</label>
        <select id="commit-template" value={templateId} onChange={(e) => (setTemplateId(e.currentTarget.value), setDraft(null))}>
          <option value="">{t('form.choose')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {inLocale(x.text).slice(0, 80)}
            </option>
          ))}
        </select>
      </div>
      {chosen && <blockquote>{inLocale(chosen.text)}</blockquote>}
      <div class="buttons">
        <button type="button" disabled={!templateId} onClick={() => void prepare()} data-testid="commit-prepare">
          {t('commit.prepare')}
        </button>
      </div>
      <ProblemAlert problem={problem} />
      {draft && (
        <>
          <p class="hint" id="canonical-hint">
            {t('commit.canonicalHint')}
          </p>
          <pre class="canonical" data-testid="canonical" aria-describedby="canonical-hint" tabIndex={0}>
            {draft.canonical}
          </pre>
          <SpecForm
            key={`${draft.statement.templateId}-${draft.statement.signedAt}-${props.keyId}`}
            idPrefix="commit"
            initial={{ keyId: props.keyId }}
            fields={[
              { name: 'keyId', label: 'commit.keyId', kind: 'text', required: true, pattern: /^[0-9a-f]{64}$/ },
              { name: 'signature', label: 'commit.signature', kind: 'textarea', required: true, maxLength: 200, hint: 'commit.signatureHint' },
            ]}
            submitLabel={t('commit.submit')}
            onSubmit={async (body) => {
              const { caseId: _c, ...statement } = draft.statement;
              void _c;
              await api('POST', casePath(props.caseId, 'commitments'), { ...statement, keyId: body.keyId, signature: body.signature });
              setDraft(null);
              setSigned(true);
              await props.onDone();
            }}
          />
        </>
      )}
      {signed && (
        <p class="alert alert-ok" role="status" data-testid="commit-signed">
          {t('commit.signed')}
        </p>
      )}
    </div>
  );
}
