-- Parties of the Measures (Art. 5–10, 12, 14) and their people.
CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('review_office','review_committee','experts_committee','third_party_assessor','supplier','cii_operator','sector_regulator','cii_protection_department','industry_association')),
  name text NOT NULL,
  name_zh text,
  sector text,
  -- Corporate group, for conflict checks between an assessor and a supplier (Art. 11).
  group_name text,
  -- Art. 7: a third-party organisation assesses only while accredited.
  accredited_until date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind NOT IN ('sector_regulator','cii_protection_department') OR sector IS NOT NULL)
);
CREATE UNIQUE INDEX organisations_name ON organisations (lower(name));

CREATE TABLE users (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN','en')),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_org ON users (org_id);

-- Session and API token secrets are stored only as SHA-256 digests: a stolen table grants nothing.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);

CREATE SEQUENCE case_ref_seq;

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  ref text NOT NULL UNIQUE,
  regime_id text NOT NULL,
  state text NOT NULL,
  origin text NOT NULL,
  title text NOT NULL,
  product_name text NOT NULL,
  product_version text,
  description text NOT NULL DEFAULT '',
  sector text,
  system_name text,
  supplier_org_id uuid REFERENCES organisations(id),
  operator_org_id uuid REFERENCES organisations(id),
  association_org_id uuid REFERENCES organisations(id),
  reporter_user_id uuid REFERENCES users(id),
  assessor_org_id uuid REFERENCES organisations(id),
  outcome text CHECK (outcome IN ('passed','passed_with_conditions','not_passed')),
  decision_text text,
  release_scope jsonb,
  public_summary text,
  released_at timestamptz,
  clock jsonb,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The office's case list: a page filtered by state, newest first.
CREATE INDEX cases_state_created ON cases (state, created_at DESC, id);
CREATE INDEX cases_created ON cases (created_at DESC, id);
CREATE INDEX cases_supplier ON cases (supplier_org_id, created_at DESC);
CREATE INDEX cases_operator ON cases (operator_org_id, created_at DESC);
CREATE INDEX cases_assessor ON cases (assessor_org_id, created_at DESC);
CREATE INDEX cases_association ON cases (association_org_id, created_at DESC);
CREATE INDEX cases_sector ON cases (sector, created_at DESC);
CREATE INDEX cases_released ON cases (released_at DESC) WHERE released_at IS NOT NULL;

-- Individual roles on a case (experts of the panel).
CREATE TABLE case_members (
  case_id uuid NOT NULL REFERENCES cases(id),
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL CHECK (role IN ('expert')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id, role)
);
CREATE INDEX case_members_user ON case_members (user_id);

-- Art. 12: a reader of confidential material first undertakes to keep it confidential.
CREATE TABLE confidentiality_undertakings (
  case_id uuid NOT NULL REFERENCES cases(id),
  user_id uuid NOT NULL REFERENCES users(id),
  accepted_at timestamptz NOT NULL DEFAULT now(),
  text_version text NOT NULL,
  PRIMARY KEY (case_id, user_id)
);

CREATE TABLE materials (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  filename text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL,
  kind text NOT NULL,
  confidential boolean NOT NULL DEFAULT true,
  -- Art. 12: the supplier answers for the authenticity of what it submits.
  authenticity_statement text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX materials_case ON materials (case_id, uploaded_at);

CREATE TABLE findings (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  category smallint NOT NULL CHECK (category BETWEEN 1 AND 5),
  severity text NOT NULL CHECK (severity IN ('critical','high','medium','low','info')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  method text,
  recorded_by uuid NOT NULL REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX findings_case ON findings (case_id, recorded_at);

CREATE TABLE supplement_requests (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  request_text text NOT NULL,
  requested_by uuid NOT NULL REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz
);
CREATE INDEX supplement_requests_case ON supplement_requests (case_id);

CREATE TABLE expert_opinions (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  expert_user_id uuid NOT NULL REFERENCES users(id),
  recommendation text NOT NULL CHECK (recommendation IN ('passed','passed_with_conditions','not_passed')),
  opinion text NOT NULL,
  given_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, expert_user_id)
);

-- Hash-chained audit log. `payload` is the canonical JSON the hash covers, stored verbatim so
-- verification recomputes exactly what was hashed; the other columns are indexes into it.
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor_user_id uuid,
  case_id uuid,
  subject_id text,
  payload text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_events_case ON audit_events (case_id, seq) WHERE case_id IS NOT NULL;
CREATE INDEX audit_events_subject ON audit_events (subject_id, seq) WHERE subject_id IS NOT NULL;

-- One row: the chain's head. Appends lock it, which orders concurrent writers.
CREATE TABLE audit_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, prev_hash, hash) VALUES (1, 0, '', repeat('0', 64));

-- The log is append-only: rows may be added, never changed or removed.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
