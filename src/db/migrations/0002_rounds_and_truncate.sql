-- TRUNCATE bypasses row triggers: refuse it too, so audit rows can never be removed.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- A re-opened review (re-review after supervision) is a new round: the panel's opinions of an
-- earlier round neither count for the new decision nor block a new opinion.
ALTER TABLE cases ADD COLUMN review_round integer NOT NULL DEFAULT 1;
ALTER TABLE expert_opinions ADD COLUMN review_round integer NOT NULL DEFAULT 1;
ALTER TABLE expert_opinions DROP CONSTRAINT expert_opinions_case_id_expert_user_id_key;
ALTER TABLE expert_opinions ADD CONSTRAINT expert_opinions_one_per_round UNIQUE (case_id, expert_user_id, review_round);

-- Order of uploads and information requests, independent of clocks: material answers a request
-- only if it was submitted after the request (two events in the same millisecond stay ordered).
CREATE SEQUENCE case_activity_seq;
ALTER TABLE materials ADD COLUMN activity_seq bigint NOT NULL DEFAULT nextval('case_activity_seq');
ALTER TABLE supplement_requests ADD COLUMN activity_seq bigint NOT NULL DEFAULT nextval('case_activity_seq');
