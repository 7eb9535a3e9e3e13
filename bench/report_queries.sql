-- The county report's aggregates written by hand for the sqlite3 shell: the baseline of
-- bench/run_report.sh. @AS_OF@, @ADULT@ (born on or before: at least 18) and @OLD@ (born on or
-- before: at least 61) are replaced by the script. The figures are the same as `anju report`
-- computes (households moved in by as_of, persons born by as_of); id validation is the MOD 11-2
-- check and the shape of the birth date, which is what SQL can express.
.headers off
.mode list
-- Households by site and category.
SELECT site_id, category, count(*), sum(convention_signed) FROM households
 WHERE move_in_date <= '@AS_OF@' GROUP BY site_id, category;
-- Persons, working age, employed by site and category.
SELECT h.site_id, h.category, count(*),
       sum(p.birth_date <= '@ADULT@' AND p.birth_date > '@OLD@'),
       sum(p.birth_date <= '@ADULT@' AND p.birth_date > '@OLD@' AND p.employment_kind <> 'none')
  FROM persons p JOIN households h ON h.id = p.household_id
 WHERE h.move_in_date <= '@AS_OF@' AND p.birth_date <= '@AS_OF@'
 GROUP BY h.site_id, h.category;
-- Zero-employment households and households without exactly one head.
SELECT sum(able_wa > 0 AND employed_wa = 0), sum(heads <> 1) FROM (
  SELECT sum(p.birth_date <= '@ADULT@' AND p.birth_date > '@OLD@' AND p.able_to_work AND p.wants_work) AS able_wa,
         sum(p.birth_date <= '@ADULT@' AND p.birth_date > '@OLD@' AND p.employment_kind <> 'none') AS employed_wa,
         sum(p.relationship = 'head') AS heads
    FROM households h LEFT JOIN persons p ON p.household_id = h.id
   WHERE h.move_in_date <= '@AS_OF@' GROUP BY h.id);
-- Origin villages by relocation type, and the breakdown by origin township.
SELECT v.relocation_type, count(*) FROM origin_villages v
 WHERE EXISTS (SELECT 1 FROM households h WHERE h.origin_village_id = v.id AND h.move_in_date <= '@AS_OF@')
 GROUP BY v.relocation_type;
SELECT v.township_code, h.category, count(DISTINCT h.id), count(p.id)
  FROM households h JOIN origin_villages v ON v.id = h.origin_village_id
  JOIN persons p ON p.household_id = h.id
 WHERE h.move_in_date <= '@AS_OF@' AND p.birth_date <= '@AS_OF@'
 GROUP BY v.township_code, h.category;
-- Age pyramid.
SELECT min((CAST(substr('@AS_OF@', 1, 4) AS INT) - CAST(substr(p.birth_date, 1, 4) AS INT)
        - (substr(p.birth_date, 6) > substr('@AS_OF@', 6))) / 5, 17), p.sex, count(*)
  FROM persons p JOIN households h ON h.id = p.household_id
 WHERE h.move_in_date <= '@AS_OF@' AND p.birth_date <= '@AS_OF@' GROUP BY 1, 2;
-- Data quality: invalid ids (shape + MOD 11-2), sex/birth date against the id.
SELECT sum(length(resident_id) <> 18 OR substr(resident_id, 1, 17) GLOB '*[^0-9]*'
           OR substr('10X98765432', 1 + (substr(resident_id,1,1)*7 + substr(resident_id,2,1)*9
              + substr(resident_id,3,1)*10 + substr(resident_id,4,1)*5 + substr(resident_id,5,1)*8
              + substr(resident_id,6,1)*4 + substr(resident_id,7,1)*2 + substr(resident_id,8,1)*1
              + substr(resident_id,9,1)*6 + substr(resident_id,10,1)*3 + substr(resident_id,11,1)*7
              + substr(resident_id,12,1)*9 + substr(resident_id,13,1)*10 + substr(resident_id,14,1)*5
              + substr(resident_id,15,1)*8 + substr(resident_id,16,1)*4 + substr(resident_id,17,1)*2) % 11, 1)
              <> substr(resident_id, 18, 1)),
       sum(sex <> CASE WHEN substr(resident_id, 17, 1) % 2 = 1 THEN 'male' ELSE 'female' END
           OR replace(birth_date, '-', '') <> substr(resident_id, 7, 8))
  FROM persons p JOIN households h ON h.id = p.household_id WHERE h.move_in_date <= '@AS_OF@';
-- Sites above capacity; registered-poor housing above 25 m² per person.
SELECT s.name FROM sites s JOIN households h ON h.site_id = s.id JOIN persons p ON p.household_id = h.id
 WHERE h.move_in_date <= '@AS_OF@' GROUP BY s.id HAVING count(*) > s.planned_capacity;
SELECT count(*) FROM households h JOIN housing_units u ON u.id = h.housing_unit_id
 WHERE h.category = 'registered_poor' AND h.move_in_date <= '@AS_OF@'
   AND u.floor_area_dm2 > 2500 * (SELECT count(*) FROM persons p WHERE p.household_id = h.id);
-- Industry and governance (small tables).
SELECT count(*), sum(status = 'planned') FROM parks;
SELECT count(DISTINCT site_id) FROM workshops WHERE opened_on IS NULL OR opened_on <= '@AS_OF@';
SELECT kind, sum(area_centimu) FROM land_contracts
 WHERE start_date <= '@AS_OF@' AND (end_date IS NULL OR end_date >= '@AS_OF@') GROUP BY kind;
SELECT sum(party_branch_founded <= '@AS_OF@'), sum(party_organisation) FROM communities;
