-- Art. 4 findings of an SBOM analysis, stored by runs instead of one row per finding. A 100,000
-- component SBOM carries half a million findings; as rows they cost the ingest more write-ahead
-- log than everything else it stores. In the analysis' order (most important first) the findings
-- of one vulnerability come in runs, so a run is one row: its first and last seq, the vulnerability,
-- and per finding the component and the fixed version (arrays in seq order). A finding's seq is
-- first_seq + its position - 1; pages walk runs by last_seq.
--
-- The components findings name are keyed by the analysis' findings_key, like the findings, and
-- carry no foreign key (a check per row would cost more than the row): only the ingest
-- transaction writes them, right after the analysis row itself.
CREATE TABLE sbom_finding_components (
  analysis_key integer NOT NULL,
  seq integer NOT NULL,
  ref text NOT NULL,
  purl text,
  name text NOT NULL,
  version text,
  ecosystem text,
  -- Only ever read back whole: json keeps the text as written, cheaper to load than jsonb.
  path json,
  depth integer,
  direct boolean,
  -- Art. 4 category: 1 the product's own components, 2 third-party ones.
  category smallint NOT NULL CHECK (category BETWEEN 1 AND 5),
  PRIMARY KEY (analysis_key, seq)
);

CREATE TABLE sbom_finding_runs (
  analysis_key integer NOT NULL,
  first_seq integer NOT NULL,
  last_seq integer NOT NULL,
  vulnerability_seq integer NOT NULL,
  component_seqs integer[] NOT NULL,
  fixed_versions text[] NOT NULL,
  -- Per finding the VEX statement that suppresses it (JSON null where none); NULL when none in the run is.
  suppressed jsonb,
  PRIMARY KEY (analysis_key, last_seq),
  CHECK (last_seq = first_seq + cardinality(component_seqs) - 1 AND cardinality(fixed_versions) = cardinality(component_seqs))
);

INSERT INTO sbom_finding_components (analysis_key, seq, ref, purl, name, version, ecosystem, path, depth, direct, category)
SELECT a.findings_key, c.seq, c.ref, c.purl, c.name, c.version, c.ecosystem, c.path, c.depth, c.direct, c.category
FROM sbom_analysis_components c JOIN sbom_analyses a ON a.id = c.analysis_id;

-- Runs are islands of consecutive seqs with one vulnerability.
INSERT INTO sbom_finding_runs (analysis_key, first_seq, last_seq, vulnerability_seq, component_seqs, fixed_versions, suppressed)
SELECT analysis_key, min(seq), max(seq), vulnerability_seq, array_agg(component_seq ORDER BY seq), array_agg(fixed_version ORDER BY seq),
  CASE WHEN bool_or(suppressed IS NOT NULL) THEN jsonb_agg(suppressed ORDER BY seq) END
FROM (SELECT f.*, f.seq - row_number() OVER (PARTITION BY f.analysis_key, f.vulnerability_seq ORDER BY f.seq) AS island FROM supply_chain_findings f) x
GROUP BY analysis_key, vulnerability_seq, island;

DROP TABLE supply_chain_findings;
DROP TABLE sbom_analysis_components;
