/**
 * A case's assessment as OSCAL 1.1 documents (deliverable: OSCAL out): the plan of activities as
 * an assessment-plan, findings with their evidence as assessment-results, and the findings still
 * unresolved as a plan-of-action-and-milestones. Pure: the service loads, this shapes.
 */
import { createHash } from 'node:crypto';
import type { ActivityRow, EvidenceRow } from '../db/repos/assessment.ts';
import type { FindingRow } from '../db/repos/findings.ts';
import { ACTIVITY_METHOD_INFO } from './plan.ts';
import { NETREVIEW_NS, OSCAL_VERSION } from './oscal-catalog.ts';
import type { FindingStatus } from './finding-status.ts';
import { UNRESOLVED_STATUSES } from './finding-status.ts';

type Obj = Record<string, unknown>;

export interface OscalCaseBundle {
  caseId: string;
  ref: string;
  title: string;
  productName: string;
  productVersion: string | null;
  reviewRound: number;
  assessor: { id: string; name: string } | null;
  supplier: { id: string; name: string } | null;
  people: { id: string; name: string; orgId: string }[];
  activities: ActivityRow[];
  evidence: EvidenceRow[];
  findings: FindingRow[];
  startedAt: Date;
  submittedAt: Date | null;
  now: Date;
}

/** A stable name-based UUID (version 5 layout, SHA-256 based): the same input gives the same id. */
export function uuidFrom(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const prop = (name: string, value: string | number) => ({ name, ns: NETREVIEW_NS, value: String(value) });
const some = <T>(key: string, list: T[]): Obj => (list.length ? { [key]: list } : {});
const iso = (d: Date | string) => new Date(d).toISOString();
/** Plan dates are calendar days in China Standard Time. */
const cstDay = (day: string, end = false) => `${day}T${end ? '23:59:59' : '00:00:00'}+08:00`;

function metadata(b: OscalCaseBundle, kind: string): Obj {
  const parties = [
    ...(b.assessor ? [{ uuid: b.assessor.id, type: 'organization', name: b.assessor.name }] : []),
    ...(b.supplier ? [{ uuid: b.supplier.id, type: 'organization', name: b.supplier.name }] : []),
    ...b.people.map((p) => ({ uuid: p.id, type: 'person', name: p.name, 'member-of-organizations': [p.orgId] })),
  ];
  return {
    title: `${kind} — ${b.ref}: ${b.title}`,
    'last-modified': iso(b.now),
    version: `${b.ref}-round-${b.reviewRound}`,
    'oscal-version': OSCAL_VERSION,
    props: [prop('case-ref', b.ref), prop('review-round', b.reviewRound)],
    roles: [
      { id: 'assessor', title: 'Third-party assessment organisation (Art. 11)' },
      { id: 'supplier', title: 'Supplier of the product under review' },
    ],
    ...some('parties', parties),
    ...some('responsible-parties', [
      ...(b.assessor ? [{ 'role-id': 'assessor', 'party-uuids': [b.assessor.id] }] : []),
      ...(b.supplier ? [{ 'role-id': 'supplier', 'party-uuids': [b.supplier.id] }] : []),
    ]),
  };
}

const reviewedControls = (b: OscalCaseBundle): Obj => {
  const cited = [...new Set(b.findings.flatMap((f) => f.clauses.map((c) => c.catalogue_id)))].sort();
  return {
    description: 'The product is reviewed against the Art. 4 risk categories and the clauses of the standards catalogues its findings cite.',
    ...some('props', cited.map((id) => prop('catalogue', id))),
    'control-selections': [{ 'include-all': {} }],
  };
};

const subject = (b: OscalCaseBundle) => ({ type: 'component', description: `${b.productName}${b.productVersion ? ` ${b.productVersion}` : ''}`, 'include-all': {} });

function activity(a: ActivityRow): Obj {
  return {
    uuid: a.id,
    title: a.title,
    description: a.scope,
    props: [prop('method', a.method), prop('activity-status', a.status)],
    ...(a.people.length ? { 'responsible-roles': [{ 'role-id': 'assessor', 'party-uuids': a.people.map((p) => p.user_id) }] } : {}),
  };
}

function task(a: ActivityRow): Obj {
  const start = a.actual_start ?? a.planned_start;
  const end = a.actual_end ?? a.planned_end;
  const timing = start && end ? { 'within-date-range': { start: cstDay(start), end: cstDay(end, true) } } : start ? { 'on-date': { date: cstDay(start) } } : null;
  return {
    uuid: uuidFrom(a.id, 'task'),
    type: 'action',
    title: `${ACTIVITY_METHOD_INFO[a.method].en}: ${a.title}`,
    description: a.scope,
    ...(timing ? { timing } : {}),
    'associated-activities': [{ 'activity-uuid': a.id, subjects: [{ type: 'component', 'include-all': {} }] }],
  };
}

export function toAssessmentPlan(b: OscalCaseBundle): Obj {
  return {
    'assessment-plan': {
      uuid: uuidFrom(b.caseId, 'assessment-plan', iso(b.now)),
      metadata: metadata(b, 'Assessment plan'),
      'import-ssp': { href: `urn:netreview:case:${b.ref}`, remarks: 'No OSCAL SSP exists for the product; the case materials describe it.' },
      ...(b.activities.length ? { 'local-definitions': { activities: b.activities.map(activity) } } : {}),
      'reviewed-controls': reviewedControls(b),
      'assessment-subjects': [subject(b)],
      ...some('tasks', b.activities.map(task)),
    },
  };
}

/** A closed finding no longer stands against its objective; every other status still does. */
const TARGET_STATUS = {
  open: { state: 'not-satisfied', reason: 'fail' },
  mitigating: { state: 'not-satisfied', reason: 'fail' },
  accepted: { state: 'not-satisfied', reason: 'fail' },
  closed: { state: 'satisfied', reason: 'pass' },
} as const satisfies Record<FindingStatus, { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' }>;

function observation(e: EvidenceRow, b: OscalCaseBundle): Obj {
  const a = b.activities.find((x) => x.id === e.activity_id);
  return {
    uuid: e.id,
    title: e.filename,
    description: e.description || `Evidence file ${e.filename}`,
    props: [prop('sha256', e.sha256), prop('evidence-kind', e.kind)],
    methods: [a ? ACTIVITY_METHOD_INFO[a.method].oscal : e.kind === 'sarif' ? 'TEST' : 'EXAMINE'],
    collected: iso(e.added_at),
    'relevant-evidence': [{ href: `urn:sha256:${e.sha256}`, description: `${e.filename} (${e.size_bytes} bytes, ${e.media_type})` }],
  };
}

function finding(f: FindingRow, b: OscalCaseBundle): Obj {
  const first = f.clauses[0];
  const cited = f.clauses.map((c) => `${c.catalogue_id} ${c.label ?? c.clause_id} ${c.title}`);
  return {
    uuid: f.id,
    title: f.title,
    description: f.description || f.title,
    props: [
      prop('severity', f.severity),
      prop('art4-category', f.category),
      prop('finding-status', f.status),
      ...f.clauses.map((c) => prop('clause', `${c.catalogue_id}#${c.clause_id}`)),
    ],
    ...(b.assessor ? { origins: [{ actors: [{ type: 'party', 'actor-uuid': b.assessor.id, 'role-id': 'assessor' }] }] } : {}),
    target: {
      type: 'objective-id',
      'target-id': first ? first.clause_id : `art4-category-${f.category}`,
      ...(cited.length ? { description: `Rests on: ${cited.join('; ')}` } : {}),
      status: { ...TARGET_STATUS[f.status] },
    },
    ...(f.evidence_id ? { 'related-observations': [{ 'observation-uuid': f.evidence_id }] } : {}),
  };
}

/** Evidence is an observation; a finding points at the evidence it came from. */
function observationsFor(b: OscalCaseBundle, findings: FindingRow[] | 'all'): Obj[] {
  if (findings === 'all') return b.evidence.map((e) => observation(e, b));
  const used = new Set(findings.map((f) => f.evidence_id).filter((x): x is string => x !== null));
  return b.evidence.filter((e) => used.has(e.id)).map((e) => observation(e, b));
}

export function toAssessmentResults(b: OscalCaseBundle): Obj {
  return {
    'assessment-results': {
      uuid: uuidFrom(b.caseId, 'assessment-results', iso(b.now)),
      metadata: metadata(b, 'Assessment results'),
      'import-ap': { href: `urn:netreview:case:${b.ref}:assessment-plan` },
      results: [
        {
          uuid: uuidFrom(b.caseId, 'result', String(b.reviewRound)),
          title: `Assessment of ${b.productName}, review round ${b.reviewRound}`,
          description: `Findings of the third-party assessment of case ${b.ref} (Art. 3, 4, 11).`,
          start: iso(b.startedAt),
          ...(b.submittedAt ? { end: iso(b.submittedAt) } : {}),
          'reviewed-controls': reviewedControls(b),
          ...some('observations', observationsFor(b, 'all')),
          ...some('findings', b.findings.map((f) => finding(f, b))),
        },
      ],
    },
  };
}

export function toPoam(b: OscalCaseBundle): Obj {
  const open = b.findings.filter((f) => (UNRESOLVED_STATUSES as readonly string[]).includes(f.status));
  return {
    'plan-of-action-and-milestones': {
      uuid: uuidFrom(b.caseId, 'poam', iso(b.now)),
      metadata: metadata(b, 'Plan of action and milestones'),
      ...some('observations', observationsFor(b, open)),
      ...some('findings', open.map((f) => finding(f, b))),
      // OSCAL requires at least one item; with nothing unresolved the single item says so.
      'poam-items': open.length
        ? open.map((f) => ({
            uuid: uuidFrom(f.id, 'poam-item'),
            title: f.title,
            description: f.description || f.title,
            props: [prop('severity', f.severity), prop('art4-category', f.category), prop('finding-status', f.status)],
            'related-findings': [{ 'finding-uuid': f.id }],
          }))
        : [{ uuid: uuidFrom(b.caseId, 'poam-none', iso(b.now)), title: 'No unresolved findings', description: 'Every finding of this case is closed or its risk accepted.' }],
    },
  };
}
