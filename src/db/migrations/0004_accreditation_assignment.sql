-- Art. 7: accreditations of third-party organisations, with their scope, validity and status.
-- The registry is authoritative for assignment; organisations.accredited_until is kept only as
-- the date an organisation was first registered with (each such date became a full-scope
-- accreditation below).
CREATE TABLE accreditations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  -- Product categories and Art. 3 methods the organisation is accredited to assess.
  product_categories text[] NOT NULL CHECK (cardinality(product_categories) > 0),
  methods text[] NOT NULL CHECK (cardinality(methods) > 0),
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  status text NOT NULL CHECK (status IN ('active','suspended','revoked')),
  granted_by uuid REFERENCES users(id),
  granted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  CHECK (valid_to >= valid_from)
);
CREATE INDEX accreditations_org ON accreditations (org_id, status);

-- Every status change of an accreditation, with its reason, who and when (Art. 7).
CREATE TABLE accreditation_events (
  id uuid PRIMARY KEY,
  accreditation_id uuid NOT NULL REFERENCES accreditations(id),
  action text NOT NULL CHECK (action IN ('grant','suspend','reinstate','revoke')),
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL,
  actor_user_id uuid REFERENCES users(id),
  at timestamptz NOT NULL
);
CREATE INDEX accreditation_events_accreditation ON accreditation_events (accreditation_id, at);

INSERT INTO accreditations (id, org_id, product_categories, methods, valid_from, valid_to, status, granted_at, updated_at)
  SELECT gen_random_uuid(), o.id,
    ARRAY['network_equipment','security_equipment','computing_storage','operating_system','database_middleware','industrial_control','cloud_service','communication_service','application_software'],
    ARRAY['lab_testing','onsite_check','online_monitoring','background_investigation'],
    LEAST((o.created_at AT TIME ZONE 'Asia/Shanghai')::date, o.accredited_until), o.accredited_until, 'active', o.created_at, o.created_at
  FROM organisations o WHERE o.kind = 'third_party_assessor' AND o.accredited_until IS NOT NULL;
INSERT INTO accreditation_events (id, accreditation_id, action, from_status, to_status, reason, at)
  SELECT gen_random_uuid(), a.id, 'grant', NULL, 'active', 'carried over from organisations.accredited_until', a.granted_at FROM accreditations a;

-- What an assessor must be accredited for on this case: its product category and the Art. 3
-- methods the review will use. A case not yet classified needs only a valid accreditation.
ALTER TABLE cases ADD COLUMN product_category text;
ALTER TABLE cases ADD COLUMN assessment_methods text[] NOT NULL DEFAULT '{}';

-- Things the Office must look at on a case: an accreditation suspended or revoked mid-case, an
-- upheld complaint requiring reassignment.
CREATE TABLE case_flags (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('accreditation_suspended','accreditation_revoked','reassignment_required')),
  detail text NOT NULL,
  source_id uuid,
  raised_at timestamptz NOT NULL,
  raised_by uuid REFERENCES users(id),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users(id)
);
CREATE INDEX case_flags_open ON case_flags (case_id) WHERE resolved_at IS NULL;

-- Art. 11: conflicts declared by an organisation or a person with respect to another organisation.
CREATE TABLE conflict_declarations (
  id uuid PRIMARY KEY,
  declarant_org_id uuid REFERENCES organisations(id),
  declarant_user_id uuid REFERENCES users(id),
  counterpart_org_id uuid NOT NULL REFERENCES organisations(id),
  reason text NOT NULL,
  declared_by uuid REFERENCES users(id),
  declared_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  CHECK ((declarant_org_id IS NULL) <> (declarant_user_id IS NULL))
);
CREATE INDEX conflict_declarations_counterpart ON conflict_declarations (counterpart_org_id) WHERE withdrawn_at IS NULL;

-- Art. 11: consulting work done for a client; a consultant of the supplier within two years is conflicted.
CREATE TABLE consulting_engagements (
  id uuid PRIMARY KEY,
  consultant_org_id uuid NOT NULL REFERENCES organisations(id),
  client_org_id uuid NOT NULL REFERENCES organisations(id),
  description text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL,
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX consulting_engagements_pair ON consulting_engagements (client_org_id, consultant_org_id);

-- Art. 11: where a person (an expert) works besides the committee; employment by the supplier or
-- the assessor bars them from the panel.
CREATE TABLE person_affiliations (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  org_id uuid NOT NULL REFERENCES organisations(id),
  role text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL,
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX person_affiliations_user ON person_affiliations (user_id);

-- Art. 11: a random choice among the eligible that anyone can re-check from what is stored.
CREATE TABLE assignment_draws (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  review_round integer NOT NULL,
  algorithm text NOT NULL,
  seed text NOT NULL CHECK (seed ~ '^[0-9a-f]{64}$'),
  eligible_org_ids uuid[] NOT NULL CHECK (cardinality(eligible_org_ids) > 0),
  pick_index integer NOT NULL CHECK (pick_index >= 0),
  picked_org_id uuid NOT NULL REFERENCES organisations(id),
  drawn_by uuid REFERENCES users(id),
  drawn_at timestamptz NOT NULL
);
CREATE INDEX assignment_draws_case ON assignment_draws (case_id, drawn_at);

-- Art. 3, 12: a supplier's Ed25519 public keys, and the commitments it signed with them.
CREATE TABLE supplier_keys (
  key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{64}$'),
  org_id uuid NOT NULL REFERENCES organisations(id),
  public_key_pem text NOT NULL,
  label text NOT NULL,
  registered_by uuid REFERENCES users(id),
  registered_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX supplier_keys_org ON supplier_keys (org_id);

CREATE TABLE commitments (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  supplier_org_id uuid NOT NULL REFERENCES organisations(id),
  key_id text NOT NULL REFERENCES supplier_keys(key_id),
  template_id text NOT NULL,
  template_version integer NOT NULL,
  text_digest text NOT NULL CHECK (text_digest ~ '^[0-9a-f]{64}$'),
  product text NOT NULL,
  signed_at timestamptz NOT NULL,
  -- The exact canonical JSON the signature covers, so anyone can re-verify it later.
  signed_payload text NOT NULL,
  signature text NOT NULL,
  submitted_by uuid REFERENCES users(id),
  submitted_at timestamptz NOT NULL,
  UNIQUE (case_id, template_id, template_version)
);

-- Art. 3 public supervision: anyone may report a suspected breach of a commitment.
CREATE TABLE breach_reports (
  id uuid PRIMARY KEY,
  case_ref text,
  case_id uuid REFERENCES cases(id),
  template_id text,
  product text NOT NULL,
  description text NOT NULL,
  contact text,
  reported_by uuid REFERENCES users(id),
  reported_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('received','dismissed','rereview_opened','case_opened')),
  triage_reason text,
  triaged_by uuid REFERENCES users(id),
  triaged_at timestamptz,
  resulting_case_id uuid REFERENCES cases(id),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX breach_reports_status ON breach_reports (status, reported_at DESC);

-- Art. 14: a supplier's complaint about a third party or its staff.
CREATE TABLE complaints (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  complainant_org_id uuid NOT NULL REFERENCES organisations(id),
  filed_by uuid NOT NULL REFERENCES users(id),
  respondent_org_id uuid NOT NULL REFERENCES organisations(id),
  respondent_user_id uuid REFERENCES users(id),
  grounds text NOT NULL CHECK (grounds IN ('bias','leak')),
  description text NOT NULL,
  -- Entries of the complainant's material access log (audit_events.seq) offered as evidence.
  evidence_seqs bigint[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('filed','investigating','dismissed','upheld')),
  outcome_text text,
  remedies text[] NOT NULL DEFAULT '{}',
  filed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX complaints_case ON complaints (case_id, filed_at);
CREATE INDEX complaints_status ON complaints (status, filed_at DESC);

CREATE TABLE complaint_events (
  id uuid PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints(id),
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL,
  actor_user_id uuid REFERENCES users(id),
  at timestamptz NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);

-- Art. 15: violations dealt with under law, with the law relied on.
CREATE TABLE violations (
  id uuid PRIMARY KEY,
  party_org_id uuid NOT NULL REFERENCES organisations(id),
  party_user_id uuid REFERENCES users(id),
  case_id uuid REFERENCES cases(id),
  complaint_id uuid REFERENCES complaints(id),
  law text NOT NULL,
  article text NOT NULL,
  description text NOT NULL,
  status text NOT NULL CHECK (status IN ('open','penalised','closed')),
  penalty text,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX violations_party ON violations (party_org_id, recorded_at DESC);
