-- industry 0004: public-welfare posts (公益性岗位, issue #16 item 6, docs/industry.md "Posts").
-- A catalogue of post kinds, a quota per site and kind over time, holdings of a post by a person
-- (each makes a jobs row, channel welfare_post, source post, in the same transaction), and the
-- monthly attendance and assessment of a holding. Periods are half-open like the living
-- register: a holding is current on D when contract_from <= D AND D < contract_until AND
-- (ended_on IS NULL OR ended_on > D) AND voided_at IS NULL. Money in fen, dates 'YYYY-MM-DD',
-- months 'YYYY-MM', timestamps ISO-8601 UTC text. Rules: src/industry/posts.h.

-- 岗位类型: 巡河员, 护林员, 保洁员, 公路养护员 …; level 行业部门 department / 乡镇 township /
-- 村级 village (programme-facts §2: income is split by these three levels).
CREATE TABLE post_kinds (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL UNIQUE,
  level               TEXT NOT NULL CHECK (level IN ('department','township','village')),
  funding             TEXT NOT NULL DEFAULT '',          -- 资金来源 (free text)
  monthly_subsidy_fen INTEGER NOT NULL CHECK (monthly_subsidy_fen >= 0),  -- default pay of a holding
  note                TEXT NOT NULL DEFAULT '',
  version             INTEGER NOT NULL DEFAULT 1
);

-- 岗位指标: how many holdings of a kind a site may have in [valid_from, valid_until).
CREATE TABLE post_quotas (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(id),
  kind_id     INTEGER NOT NULL REFERENCES post_kinds(id),
  quota       INTEGER NOT NULL CHECK (quota >= 0),
  valid_from  TEXT NOT NULL,
  valid_until TEXT,                                       -- first day without; NULL = open
  note        TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX post_quotas_site ON post_quotas(site_id, kind_id, valid_from);

-- 岗位聘用: a person holds a post of a kind at a site under a contract after a publicity (公示).
CREATE TABLE post_holdings (
  id                  INTEGER PRIMARY KEY,
  person_id           INTEGER NOT NULL REFERENCES persons(id),
  kind_id             INTEGER NOT NULL REFERENCES post_kinds(id),
  site_id             INTEGER NOT NULL REFERENCES sites(id),
  contract_from       TEXT NOT NULL,                      -- first day of the contract
  contract_until      TEXT NOT NULL,                      -- first day after it (a 1-year contract from 2024-03-01: 2025-03-01)
  publicity_from      TEXT NOT NULL,                      -- first day of the 公示
  publicity_until     TEXT NOT NULL,                      -- first day after it
  monthly_subsidy_fen INTEGER NOT NULL CHECK (monthly_subsidy_fen >= 0),
  ended_on            TEXT,                               -- ended early: first day without; NULL = runs to contract_until
  end_reason          TEXT NOT NULL DEFAULT '',
  note                TEXT NOT NULL DEFAULT '',
  recorded_by         TEXT NOT NULL DEFAULT '',
  recorded_at         TEXT NOT NULL DEFAULT '',
  voided_at           TEXT,
  void_reason         TEXT NOT NULL DEFAULT '',
  version             INTEGER NOT NULL DEFAULT 1,
  CHECK (contract_until > contract_from),
  CHECK (publicity_until > publicity_from),
  CHECK (ended_on IS NULL OR ended_on > contract_from)
);
CREATE INDEX post_holdings_person ON post_holdings(person_id, contract_from);
CREATE INDEX post_holdings_site ON post_holdings(site_id, kind_id, contract_from);

-- 月度考勤与考核: one row per holding and month.
CREATE TABLE post_months (
  holding_id   INTEGER NOT NULL REFERENCES post_holdings(id),
  month        TEXT NOT NULL,                             -- 'YYYY-MM'
  days_worked  INTEGER NOT NULL CHECK (days_worked BETWEEN 0 AND 31),
  assessment   TEXT CHECK (assessment IS NULL OR assessment IN ('excellent','pass','fail')),  -- 优秀/合格/不合格
  paid_fen     INTEGER CHECK (paid_fen IS NULL OR paid_fen >= 0),
  note         TEXT NOT NULL DEFAULT '',
  recorded_by  TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (holding_id, month)
) WITHOUT ROWID;
