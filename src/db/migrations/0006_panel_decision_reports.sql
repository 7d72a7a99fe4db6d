-- Art. 6: the Experts Committee panel of one review round. Members are proposed by the Office; a
-- member who declares a conflict is recused (with the reason) and may not score.
CREATE TABLE expert_panels (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  review_round integer NOT NULL,
  quorum integer NOT NULL CHECK (quorum >= 1),
  -- Scores stay sealed until every sitting member has scored or this moment has passed.
  scoring_deadline timestamptz NOT NULL,
  formed_by uuid NOT NULL REFERENCES users(id),
  formed_at timestamptz NOT NULL,
  UNIQUE (case_id, review_round)
);

CREATE TABLE expert_panel_members (
  panel_id uuid NOT NULL REFERENCES expert_panels(id),
  user_id uuid NOT NULL REFERENCES users(id),
  proposed_at timestamptz NOT NULL,
  recused_at timestamptz,
  recusal_reason text,
  PRIMARY KEY (panel_id, user_id),
  CHECK ((recused_at IS NULL) = (recusal_reason IS NULL))
);
CREATE INDEX expert_panel_members_user ON expert_panel_members (user_id);

-- One score sheet per member per panel (a panel is per round): every Art. 4 category plus the
-- supplier's trustworthiness, on the regime's scale.
CREATE TABLE expert_score_sheets (
  id uuid PRIMARY KEY,
  panel_id uuid NOT NULL REFERENCES expert_panels(id),
  expert_user_id uuid NOT NULL REFERENCES users(id),
  category_scores jsonb NOT NULL,
  trustworthiness numeric NOT NULL,
  rationale text NOT NULL DEFAULT '',
  submitted_at timestamptz NOT NULL,
  CONSTRAINT expert_score_sheets_one_per_member UNIQUE (panel_id, expert_user_id)
);

CREATE TABLE expert_dissents (
  id uuid PRIMARY KEY,
  panel_id uuid NOT NULL REFERENCES expert_panels(id),
  expert_user_id uuid NOT NULL REFERENCES users(id),
  text text NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT expert_dissents_one_per_member UNIQUE (panel_id, expert_user_id)
);

-- The signed comprehensive assessment: `body` is the canonical JSON the signature covers.
CREATE TABLE comprehensive_assessments (
  panel_id uuid PRIMARY KEY REFERENCES expert_panels(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  review_round integer NOT NULL,
  body text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  signed_at timestamptz NOT NULL,
  signed_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX comprehensive_assessments_case ON comprehensive_assessments (case_id, review_round);

-- Art. 8: the decision's reasons, each citing articles of the case's regime.
CREATE TABLE decision_reasons (
  case_id uuid NOT NULL REFERENCES cases(id),
  review_round integer NOT NULL,
  position smallint NOT NULL,
  articles jsonb NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (case_id, review_round, position)
);

-- Conditions of a passed-with-conditions decision, tracked to closure.
CREATE TABLE decision_conditions (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  review_round integer NOT NULL,
  position smallint NOT NULL,
  text text NOT NULL,
  owner_org_id uuid NOT NULL REFERENCES organisations(id),
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','met','overdue','waived')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (case_id, review_round, position)
);
CREATE INDEX decision_conditions_open ON decision_conditions (due_date) WHERE status = 'open';

CREATE TABLE decision_condition_events (
  id uuid PRIMARY KEY,
  -- History order, even for steps recorded within the same instant.
  seq bigserial NOT NULL,
  condition_id uuid NOT NULL REFERENCES decision_conditions(id),
  from_status text,
  to_status text NOT NULL,
  note text NOT NULL DEFAULT '',
  actor_user_id uuid REFERENCES users(id),
  at timestamptz NOT NULL
);
CREATE INDEX decision_condition_events_condition ON decision_condition_events (condition_id, seq);

-- Art. 13: the Office's security assessment reports. Each generation stores four signed files
-- (content-addressed blobs): the full and the public (redacted) version, as PDF and as JSON.
CREATE TABLE assessment_reports (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  review_round integer NOT NULL,
  key_id text NOT NULL,
  signed_at timestamptz NOT NULL,
  generated_by uuid NOT NULL REFERENCES users(id),
  full_pdf_sha256 text NOT NULL CHECK (full_pdf_sha256 ~ '^[0-9a-f]{64}$'),
  full_json_sha256 text NOT NULL CHECK (full_json_sha256 ~ '^[0-9a-f]{64}$'),
  public_pdf_sha256 text NOT NULL CHECK (public_pdf_sha256 ~ '^[0-9a-f]{64}$'),
  public_json_sha256 text NOT NULL CHECK (public_json_sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX assessment_reports_case ON assessment_reports (case_id, signed_at DESC);
