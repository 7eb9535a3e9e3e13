-- industry 0005: job services and the zero-employment follow-up (issue #16 items 4 and 7,
-- docs/industry.md "Services"). The zero-employment household itself is derived as of a day
-- (never stored); its follow-up is a casework case of kind 'zero_employment' (subject
-- 'household'); how it was cleared is a row of zero_employment_clearings.
-- Periods are half-open [from, until): until/ended_on is the first day without. Money in fen.
-- Nothing is deleted: wrong rows are voided with a reason.

-- 岗位信息: a vacancy an employer offers (the job-service register).
CREATE TABLE vacancies (
  id             INTEGER PRIMARY KEY,
  employer       TEXT NOT NULL,                      -- 用工单位
  post           TEXT NOT NULL,                      -- 岗位名称
  channel        TEXT NOT NULL DEFAULT 'enterprise' CHECK (channel IN ('workshop','park','welfare_post',
                   'enterprise','migrant_work','self_employed','flexible','other')),
  monthly_pay_fen INTEGER CHECK (monthly_pay_fen IS NULL OR monthly_pay_fen >= 0),
  place          TEXT CHECK (place IS NULL OR place IN ('township','county','province','outside')),
  openings       INTEGER NOT NULL CHECK (openings >= 1),
  open_from      TEXT NOT NULL,                      -- first day the vacancy is offered
  open_until     TEXT,                               -- first day it is no longer offered; NULL open
  site_id        INTEGER REFERENCES sites(id),       -- the site it is offered at (NULL: county-wide)
  township_code  TEXT NOT NULL DEFAULT '',           -- the township it belongs to ('' county)
  age_min        INTEGER,                            -- matching: the employer's age band (NULL: any)
  age_max        INTEGER,
  note           TEXT NOT NULL DEFAULT '',
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  voided_at      TEXT,
  void_reason    TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL DEFAULT 1,
  CHECK (open_until IS NULL OR open_until > open_from)
);
CREATE INDEX vacancies_site ON vacancies(site_id, open_from);

-- 求职登记: a person registered as seeking work, over time.
CREATE TABLE job_seekers (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  registered_on  TEXT NOT NULL,
  ended_on       TEXT,                               -- first day no longer registered
  end_reason     TEXT NOT NULL DEFAULT '',
  wishes         TEXT NOT NULL DEFAULT '',           -- 求职意愿 (free text)
  wanted_place   TEXT CHECK (wanted_place IS NULL OR wanted_place IN ('township','county','province','outside')),
  min_pay_fen    INTEGER CHECK (min_pay_fen IS NULL OR min_pay_fen >= 0),
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  voided_at      TEXT,
  void_reason    TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL DEFAULT 1,
  CHECK (ended_on IS NULL OR ended_on > registered_on)
);
-- One open registration per person.
CREATE UNIQUE INDEX job_seekers_one_open ON job_seekers(person_id) WHERE ended_on IS NULL AND voided_at IS NULL;

-- 就业服务: what was given to a seeker — the "1 introduction, 3 jobs, 1 training" practice
-- (一次职业指导/介绍、三次岗位推荐、一次培训机会) and follow-ups (a contact; outcome no_answer = a
-- failed contact, counted by the lost_contact clearing).
CREATE TABLE job_services (
  id             INTEGER PRIMARY KEY,
  seeker_id      INTEGER NOT NULL REFERENCES job_seekers(id),
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  kind           TEXT NOT NULL CHECK (kind IN ('introduction','job_offer','training_offer','follow_up',
                   'return_home_follow_up')),
  vacancy_id     INTEGER REFERENCES vacancies(id),
  given_on       TEXT NOT NULL,
  outcome        TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','accepted','refused','no_answer')),
  note           TEXT NOT NULL DEFAULT '',
  by_user_id     INTEGER NOT NULL DEFAULT 0,
  by_name        TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  voided_at      TEXT,
  void_reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_services_seeker ON job_services(seeker_id, given_on);
CREATE INDEX job_services_person ON job_services(person_id, given_on);

-- How a zero-employment follow-up (a cases row of kind zero_employment) was cleared. A clearing
-- with a non-employment reason keeps the household out of the open count from cleared_on for
-- zero_employment.clearing_valid_months months (then the sweep opens a new case).
CREATE TABLE zero_employment_clearings (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  household_id   INTEGER NOT NULL REFERENCES households(id),
  reason         TEXT NOT NULL CHECK (reason IN ('employed','refused_offers','lost_contact','no_longer_able')),
  cleared_on     TEXT NOT NULL,
  valid_until    TEXT,                               -- first day the clearing no longer holds (NULL: employed)
  note           TEXT NOT NULL DEFAULT '',
  by_user_id     INTEGER NOT NULL DEFAULT 0,
  by_name        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX zero_employment_clearings_household ON zero_employment_clearings(household_id, cleared_on);
