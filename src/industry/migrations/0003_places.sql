-- industry 0003: parks and workshops as managed ledgers (issue #16 items 1-2, docs/industry.md
-- "Places"). Adds the columns of the contract; nothing existing changes meaning.
-- Units: land areas in centimu (0.01 mu), money in fen, dates 'YYYY-MM-DD' (civil, no time zone),
-- timestamps ISO-8601 UTC text.

-- Parks: who runs it (合作社 / 企业 / 村集体), the day it was built (建成日期, status built) or the
-- day it is planned to be built (计划建成日期, status planned), and optimistic concurrency.
-- NULL operator_kind / dates: not recorded (the article gives none for the reference parks).
ALTER TABLE parks ADD COLUMN operator_kind TEXT
  CHECK (operator_kind IS NULL OR operator_kind IN ('cooperative','enterprise','village'));
ALTER TABLE parks ADD COLUMN built_on TEXT;
ALTER TABLE parks ADD COLUMN planned_on TEXT;
ALTER TABLE parks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Workshops (就业帮扶车间, formerly 扶贫车间): operating enterprise, products, closing day and
-- reason, the type among the five of programme-facts §1.5, the incentive terms granted under the
-- county's 十项优惠政策 (rent_free_years stays; subsidies in fen; a note), recognition (day, level
-- 车间 workshop / 乡村就业工厂 factory), optimistic concurrency. Text columns are nullable (NULL = not
-- recorded) because the ledger import writes an empty cell as NULL.
ALTER TABLE workshops ADD COLUMN enterprise TEXT;
ALTER TABLE workshops ADD COLUMN products TEXT;
ALTER TABLE workshops ADD COLUMN type TEXT
  CHECK (type IS NULL OR type IN ('factory','home','farming','trade','tourism'));
ALTER TABLE workshops ADD COLUMN closed_on TEXT;          -- first day closed; NULL = open
ALTER TABLE workshops ADD COLUMN close_reason TEXT;
ALTER TABLE workshops ADD COLUMN subsidy_fen INTEGER CHECK (subsidy_fen IS NULL OR subsidy_fen >= 0);
ALTER TABLE workshops ADD COLUMN incentive_note TEXT;
ALTER TABLE workshops ADD COLUMN recognised_on TEXT;      -- NULL = not recognised
ALTER TABLE workshops ADD COLUMN level TEXT CHECK (level IS NULL OR level IN ('workshop','factory'));
ALTER TABLE workshops ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
