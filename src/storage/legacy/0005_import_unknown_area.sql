-- 0005 (issue #7, importer): a housing unit's floor area may be unknown.
--
-- A county starts from `anju init` and the townships' rosters. Rosters name the unit (楼栋/单元/
-- 房号) but often not its floor area; the importer creates the unit at its site, and without
-- this change it could only refuse the whole household or invent an area. NULL means "not
-- known yet" (a later import with a 住房面积 column, or the sites module, fills it in); a known
-- area is still > 0. Readers: the county report already leaves households without an area out
-- of the per-person area figures; other readers show NULL as 0 / unknown.
--
-- SQLite cannot relax a column constraint in place, so the table is rebuilt. Foreign keys are
-- on during migrations and households.housing_unit_id references this table, so the links are
-- set aside in a temporary table, cleared, and restored after the rebuild (no constraint is
-- violated at any step; ids are kept). Indexes of housing_units: only the inline UNIQUE
-- (site_id, building, entrance, room), recreated with the table.
-- The set-aside links are keyed by household id (INTEGER PRIMARY KEY): the restoring UPDATE
-- looks each one up, and an unkeyed temp table made that a scan per household (quadratic: a
-- 3.2 M-household database did not finish in 10 minutes).
CREATE TEMP TABLE housing_units_0006 AS SELECT id, site_id, building, entrance, room, floor_area_dm2 FROM housing_units;
CREATE TEMP TABLE household_units_0006 (id INTEGER PRIMARY KEY, housing_unit_id INTEGER NOT NULL);
INSERT INTO temp.household_units_0006 (id, housing_unit_id)
  SELECT id, housing_unit_id FROM households WHERE housing_unit_id IS NOT NULL;
UPDATE households SET housing_unit_id = NULL WHERE housing_unit_id IS NOT NULL;
DROP TABLE housing_units;
-- Resettlement housing units (安置房): building, entrance, room at a site.
CREATE TABLE housing_units (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  building        TEXT NOT NULL,              -- 楼栋
  entrance        TEXT NOT NULL,              -- 单元
  room            TEXT NOT NULL,              -- 室
  floor_area_dm2  INTEGER CHECK (floor_area_dm2 IS NULL OR floor_area_dm2 > 0),  -- 0.01 m²; NULL: unknown
  UNIQUE (site_id, building, entrance, room)
);
INSERT INTO housing_units (id, site_id, building, entrance, room, floor_area_dm2)
  SELECT id, site_id, building, entrance, room, floor_area_dm2 FROM temp.housing_units_0006 ORDER BY id;
UPDATE households SET housing_unit_id = u.housing_unit_id
  FROM temp.household_units_0006 u WHERE u.id = households.id;
DROP TABLE temp.housing_units_0006;
DROP TABLE temp.household_units_0006;
