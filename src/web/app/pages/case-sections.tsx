import { useState } from 'preact/hooks';
import { fmtDateTime, fmtNum, label, t } from '../i18n/index.ts';
import type { CaseView, TimelineEntry } from '../types.ts';

const TIMELINE_SHOWN = 30;

/**
 * Each transition with the article it rests on (the timeline is the audit log's case events).
 * Every finding is a step too, so a long timeline shows its latest entries until asked for all.
 */
export function Timeline(props: { items: TimelineEntry[] }) {
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, props.items.length - TIMELINE_SHOWN);
  return (
    <section class="panel" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('timeline.title')}</h2>
      {hidden > 0 && (
        <button type="button" onClick={() => setAll(true)} data-testid="timeline-all">
          {t('timeline.showAll', { n: fmtNum(props.items.length), hidden: fmtNum(hidden) })}
        </button>
      )}
      <ol class="timeline" data-testid="timeline" start={hidden + 1}>
        {props.items.slice(hidden).map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{fmtDateTime(e.at)}</time>{' '}
            <strong>{e.type === 'case.created' ? t('timeline.created') : label('action', e.data.action ?? e.type)}</strong>
            {e.data.from && e.data.to && (
              <span class="transition">
                {' '}
                {label('state', e.data.from)} → {label('state', e.data.to)}
              </span>
            )}
            {e.data.articles && e.data.articles.length > 0 && <span class="articles"> · {e.data.articles.map((a) => t('article', { n: a })).join(t('common.listSep'))}</span>}
            {e.actor && <span class="actor"> · {e.actor}</span>}
            {e.data.note && <p class="note">{e.data.note}</p>}
            {typeof e.data.reason === 'string' && <p class="note">{e.data.reason}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Decision(props: { view: CaseView }) {
  const { decision, release } = props.view;
  if (!decision && !release) return null;
  return (
    <section class="panel" aria-labelledby="decision-h">
      <h2 id="decision-h">{t('decision.title')}</h2>
      <dl class="facts">
        {decision && (
          <>
            <dt>{t('case.outcome')}</dt>
            <dd>
              <span class={`badge outcome-${decision.outcome}`}>{label('outcome', decision.outcome)}</span>
            </dd>
            {decision.text && (
              <>
                <dt>{t('decision.text')}</dt>
                <dd>{decision.text}</dd>
              </>
            )}
          </>
        )}
        {release && (
          <>
            <dt>{t('release.scope')}</dt>
            <dd>
              {label('scope', release.scope.kind)}
              {release.scope.sector ? ` (${release.scope.sector})` : ''}
            </dd>
            <dt>{t('release.at')}</dt>
            <dd>{fmtDateTime(release.releasedAt)}</dd>
            <dt>{t('field.publicSummary')}</dt>
            <dd>{release.publicSummary}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function Opinions(props: { items: NonNullable<CaseView['opinions']> }) {
  return (
    <section class="panel" aria-labelledby="opinions-h">
      <h2 id="opinions-h">{t('opinions.title')}</h2>
      {props.items.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul class="plain">
          {props.items.map((o) => (
            <li key={o.id}>
              <strong>{o.expert}</strong> · {label('outcome', o.recommendation)} · {t('opinions.round', { n: o.round })} · {fmtDateTime(o.given_at)}
              <p>{o.opinion}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Experts(props: { items: NonNullable<CaseView['experts']> }) {
  return (
    <section class="panel" aria-labelledby="experts-h">
      <h2 id="experts-h">{t('experts.title')}</h2>
      {props.items.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul class="plain">
          {props.items.map((e) => (
            <li key={e.user_id}>{e.display_name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Supplements(props: { items: NonNullable<CaseView['supplementRequests']> }) {
  if (props.items.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="supp-h">
      <h2 id="supp-h">{t('supplements.title')}</h2>
      <ul class="plain">
        {props.items.map((s) => (
          <li key={s.id}>
            <p>{s.request_text}</p>
            <p class="meta">
              {t('supplements.requested', { at: fmtDateTime(s.requested_at) })} · {s.answered_at ? t('supplements.answered', { at: fmtDateTime(s.answered_at) }) : t('supplements.open')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
