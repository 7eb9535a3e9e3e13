-- registry 0002 (issue #14): the living register (动态管理) — events, memberships over time,
-- households that start and end, placements over time, pending resident ids.
--
-- The model (docs/living-register.md is the reference):
-- * A person's LATEST membership stays in the persons row (household_id, relationship) with its
--   period member_from .. member_until: member_from NULL = since the household's start (its
--   move-in date; every record before this migration), member_until NULL = still a member.
--   Earlier memberships (a person moved to another household) are rows of membership_history.
--   A person is counted in a household on day D (the state at the end of D) when
--   (from IS NULL OR from <= D) AND (until IS NULL OR until > D): born or moved in on D counts,
--   died or left on D does not. Periods of one person never overlap.
-- * A household is counted on D when move_in_date <= D AND (formed_on IS NULL OR formed_on <= D)
--   AND (ended_on IS NULL OR ended_on > D). formed_on is the day a split created it;
--   ended_on the day it was merged away or lost its last member.
-- * Its site, housing unit, grid and origin village are the current ones; each earlier
--   placement is a row of placement_history (valid from start_date, NULL = from the start, up to
--   the day before end_date).
-- * Every change is a register_events row (who, when, what, why) besides its audit entry.
--   Nothing is deleted: an event entered in error is voided (voided_on, void_reason).
-- * A newborn without a resident id yet has resident_id '' (pending, "id to be filled");
--   the unique index covers only non-empty ids. Sex and birth date are then as entered.
-- Dates are ISO text 'YYYY-MM-DD' (civil, China); timestamps ISO-8601 UTC.

-- Register events (户籍变动 / 家庭成员变动 and household changes).
-- kind: birth (出生), death (死亡), moved_away (迁出; place = where to), married_out (嫁出/入赘外出),
--   married_in (婚入), moved_in (迁入; place = where from), returned (返回), moved_between (户间迁移:
--   household_id = from, other_household_id = to), id_completed (补录身份证号), head_changed (变更户主),
--   split (分户: other_household_id = the new household), merged (合户: household_id = the one
--   ended, other_household_id = the one kept), placement_changed (变更安置点/房屋/网格/迁出村),
--   entered_in_error (录入错误: a record voided as never valid), household_added (新增户),
--   member_added (新增成员, no life event: a correction of the first registration).
-- details: JSON of the event's particulars (relationships re-stated, housing decision, the
--   placement before and after, the new head), written by the service; never parsed by SQL.
CREATE TABLE register_events (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('birth','death','moved_away','married_out',
                       'married_in','moved_in','returned','moved_between','id_completed',
                       'head_changed','split','merged','placement_changed','entered_in_error',
                       'household_added','member_added')),
  event_date         TEXT NOT NULL,                 -- the day it happened
  household_id       INTEGER NOT NULL REFERENCES households(id),
  person_id          INTEGER REFERENCES persons(id),  -- NULL for a household's event
  other_household_id INTEGER REFERENCES households(id),
  place              TEXT NOT NULL DEFAULT '',      -- where to / from, as the clerk wrote it
  reason             TEXT NOT NULL DEFAULT '',      -- why / the document (e.g. 死亡证明)
  details            TEXT NOT NULL DEFAULT '{}',
  recorded_by        TEXT NOT NULL,                 -- user name (auth), or 'import', 'demo', 'system'
  recorded_at        TEXT NOT NULL,                 -- UTC timestamp
  voided_on          TEXT,                          -- set when the event was entered in error
  void_reason        TEXT,
  voided_by          TEXT
);
CREATE INDEX register_events_household ON register_events(household_id, event_date);
CREATE INDEX register_events_other ON register_events(other_household_id) WHERE other_household_id IS NOT NULL;
CREATE INDEX register_events_person ON register_events(person_id, event_date) WHERE person_id IS NOT NULL;
CREATE INDEX register_events_date ON register_events(event_date);

-- Who is counted, and where (membership period of the persons row).
ALTER TABLE persons ADD COLUMN member_from  TEXT;   -- first day in persons.household_id (NULL: since its start)
ALTER TABLE persons ADD COLUMN member_until TEXT;   -- first day no longer a member (NULL: still one)
ALTER TABLE persons ADD COLUMN left_event_id INTEGER REFERENCES register_events(id);  -- the event that ended it

ALTER TABLE households ADD COLUMN formed_on TEXT;   -- a split's day (NULL: since move_in_date)
ALTER TABLE households ADD COLUMN ended_on  TEXT;   -- merged away / no members left (NULL: open)
ALTER TABLE households ADD COLUMN end_event_id INTEGER REFERENCES register_events(id);
ALTER TABLE households ADD COLUMN split_from_id INTEGER REFERENCES households(id);
ALTER TABLE households ADD COLUMN merged_into_id INTEGER REFERENCES households(id);

-- Earlier memberships of a person (the latest is the persons row).
CREATE TABLE membership_history (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  household_id   INTEGER NOT NULL REFERENCES households(id),
  relationship   TEXT NOT NULL CHECK (relationship IN ('head','spouse','child','daughter_in_law','son_in_law','grandchild','parent','sibling','other')),
  start_date     TEXT,                              -- NULL: since the household's start
  end_date       TEXT NOT NULL,                     -- first day no longer a member
  end_event_id   INTEGER REFERENCES register_events(id)
);
CREATE INDEX membership_history_person ON membership_history(person_id);
CREATE INDEX membership_history_household ON membership_history(household_id);

-- Earlier placements of a household (the current one is the households row).
CREATE TABLE placement_history (
  id                INTEGER PRIMARY KEY,
  household_id      INTEGER NOT NULL REFERENCES households(id),
  site_id           INTEGER NOT NULL REFERENCES sites(id),
  housing_unit_id   INTEGER REFERENCES housing_units(id),
  grid_id           INTEGER REFERENCES grids(id),
  origin_village_id INTEGER NOT NULL REFERENCES origin_villages(id),
  start_date        TEXT,                           -- NULL: since the household's start
  end_date          TEXT NOT NULL,                  -- first day of the next placement
  end_event_id      INTEGER REFERENCES register_events(id)
);
CREATE INDEX placement_history_household ON placement_history(household_id);

-- A pending id ('') may occur many times; a real one at most once. SQLite uses a partial index
-- only when the query's WHERE implies its condition: look ids up with
-- "resident_id = ? AND resident_id <> ''" (a bare "resident_id = ?" scans the table; test
-- SqliteTest.LookupByResidentIdUsesTheIndex).
DROP INDEX persons_resident_id;
CREATE UNIQUE INDEX persons_resident_id ON persons(resident_id) WHERE resident_id <> '';
-- One head among the current members (a dead or departed head keeps the relationship).
DROP INDEX persons_one_head;
CREATE UNIQUE INDEX persons_one_head ON persons(household_id) WHERE relationship = 'head' AND member_until IS NULL;
-- Persons who left: the lists' "current members" and the timelines.
CREATE INDEX persons_left ON persons(member_until) WHERE member_until IS NOT NULL;

-- The report's covering index now also holds the membership period (same expression for the
-- five facts; sqlite_report_repository.cc must repeat it character for character).
DROP INDEX persons_report;
CREATE INDEX persons_report ON persons(
  household_id, birth_date, resident_id, member_from, member_until,
  (relationship = 'head') | (able_to_work << 1) | (wants_work << 2) | ((employment_kind <> 'none') << 3) | ((sex = 'female') << 4));
