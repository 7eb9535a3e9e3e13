-- datacalls 0001: data calls (数据调度, issue #15 item 7, docs/casework.md "datacalls").
-- Dates 'YYYY-MM-DD' (civil, China); timestamps ISO-8601 UTC text. Nothing a user entered is
-- deleted: an answer's rows are replaced as a whole while it is being filled (each replacement
-- audited with the rows before and after); a call ends with closed_on.

-- A call: the county's template (columns) with its due date.
CREATE TABLE data_calls (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  instructions TEXT NOT NULL DEFAULT '',
  due_on       TEXT NOT NULL,                 -- the recipients' deadline (their cases' due_on)
  columns      TEXT NOT NULL,                 -- JSON [{key,label_zh,label_en,type,required,values?}]
  created_by   INTEGER NOT NULL,              -- users.id (0: the CLI's system actor)
  created_at   TEXT NOT NULL,
  closed_on    TEXT,                          -- closed: no more answers, accepts or returns
  closed_by    INTEGER
);

-- One addressee of a call: a township or a site; its answer is a case (data_call_reply).
CREATE TABLE data_call_recipients (
  id            INTEGER PRIMARY KEY,
  call_id       INTEGER NOT NULL REFERENCES data_calls(id),
  level         TEXT NOT NULL CHECK (level IN ('township','site')),
  township_code TEXT NOT NULL REFERENCES divisions(code),  -- the township, or the site's township
  site_id       INTEGER REFERENCES sites(id),               -- level site only
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','submitted','returned','accepted')),
  submitted_at  TEXT,
  submitted_by  INTEGER,
  case_id       INTEGER,                                    -- cases.id of its data_call_reply case
  CHECK ((level = 'site') = (site_id IS NOT NULL))
);
CREATE INDEX data_call_recipients_call ON data_call_recipients(call_id);
CREATE UNIQUE INDEX data_call_recipients_township ON data_call_recipients(call_id, township_code) WHERE level = 'township';
CREATE UNIQUE INDEX data_call_recipients_site ON data_call_recipients(call_id, site_id) WHERE level = 'site';

-- The rows of one answer, in the order given (row_no from 1).
CREATE TABLE data_call_rows (
  id           INTEGER PRIMARY KEY,
  recipient_id INTEGER NOT NULL REFERENCES data_call_recipients(id),
  row_no       INTEGER NOT NULL,
  row_values   TEXT NOT NULL,                 -- JSON object {column key: value}
  saved_at     TEXT NOT NULL,
  saved_by     INTEGER NOT NULL,
  UNIQUE (recipient_id, row_no)
);
