-- rectification 0001: inspections and their findings (整改台账, issue #15 item 6, docs/casework.md).
-- Dates as ISO text 'YYYY-MM-DD' (civil, China), timestamps as ISO-8601 UTC text.
-- A finding is a case of kind 'finding' (casework's cases table: state, clock, transitions);
-- this row holds what the inspection wrote and what the township answers. Nothing is deleted:
-- a finding ends by sign-off (销号) of its case.

-- An inspection or assessment that produced a list of findings (问题清单).
CREATE TABLE inspections (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,               -- 2024年度巩固脱贫成果后评估反馈问题
  kind        TEXT NOT NULL CHECK (kind IN ('county_check','city','province',
                                            'national_assessment','audit','other')),
  held_on     TEXT NOT NULL,               -- the day of the inspection or of its feedback
  source      TEXT NOT NULL DEFAULT '',    -- the feedback document (文号) or who inspected
  note        TEXT NOT NULL DEFAULT '',
  created_by  INTEGER,                     -- users.id (NULL: the CLI's system actor)
  created_at  TEXT NOT NULL,
  UNIQUE (name, held_on)
);

-- One finding of an inspection: a case of kind 'finding'.
CREATE TABLE findings (
  id                INTEGER PRIMARY KEY,
  case_id           INTEGER UNIQUE,          -- cases.id of its workflow (casework)
  inspection_id     INTEGER NOT NULL REFERENCES inspections(id),
  seq_no            INTEGER NOT NULL,        -- 序号 in the inspection's list
  township_code     TEXT NOT NULL DEFAULT '', -- 9-digit code; '' when the finding is county-wide
  site_id           INTEGER REFERENCES sites(id),
  responsible_unit  TEXT NOT NULL,           -- 责任单位
  description       TEXT NOT NULL,           -- 问题描述
  measures          TEXT NOT NULL DEFAULT '',-- 整改措施
  deadline          TEXT,                    -- 整改时限; NULL: the clock of the case's state
  rectified_on      TEXT,                    -- the day the township reports it rectified
  progress          TEXT NOT NULL DEFAULT '',-- 进展 as the township words it
  signed_off_on     TEXT,                    -- 销号日期 (the sign-off transition's day)
  signed_off_by     INTEGER,                 -- users.id of the supervisor who signed off
  created_by        INTEGER,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1,
  UNIQUE (inspection_id, seq_no)
);
CREATE INDEX findings_township ON findings(township_code);
CREATE INDEX findings_site ON findings(site_id);
