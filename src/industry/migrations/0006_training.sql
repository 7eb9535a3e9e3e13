-- industry 0006: skills training to certificates (issue #16 item 5, docs/industry.md "Training").
-- Courses (reference kinds), classes at a site, enrolments of persons with attendance and
-- completion, certificates of the four national kinds with the subsidy paid for them.
-- Units: money in fen, hours whole hours, dates 'YYYY-MM-DD', timestamps ISO-8601 UTC text.
-- Nothing is deleted: a dropped enrolment keeps its row (dropped_on + drop_reason), a certificate
-- entered in error is voided with a reason.

CREATE TABLE training_courses (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,             -- 课程 / 培训工种 (Chinese, as in the ledger)
  name_en     TEXT NOT NULL DEFAULT '',
  occupation  TEXT NOT NULL DEFAULT '',         -- the usual 职业(工种) of its certificates
  reference   INTEGER NOT NULL DEFAULT 0 CHECK (reference IN (0, 1)),  -- 1: the article's list
  created_at  TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1
);

-- The article's courses (临县, issue #16): 护工护理、临县的哥、工匠、香菇蔬菜种植技术、烹饪、厨师、
-- 电焊、马达组装、小风扇组装、箱包加工、枣芽茶加工.
INSERT INTO training_courses (name, name_en, occupation, reference) VALUES
  ('护工护理', 'Care work', '养老护理员', 1),
  ('临县的哥', 'Lin County taxi driver', '出租汽车驾驶员', 1),
  ('工匠', 'Craftsman', '建筑工匠', 1),
  ('香菇蔬菜种植技术', 'Mushroom and vegetable growing', '农作物植保员', 1),
  ('烹饪', 'Cooking', '中式烹调师', 1),
  ('厨师', 'Chef', '中式烹调师', 1),
  ('电焊', 'Electric welding', '焊工', 1),
  ('马达组装', 'Motor assembly', '电机装配工', 1),
  ('小风扇组装', 'Small fan assembly', '家用电器产品维修工', 1),
  ('箱包加工', 'Luggage making', '箱包制作工', 1),
  ('枣芽茶加工', 'Jujube-leaf tea processing', '茶叶加工工', 1);

CREATE TABLE training_classes (
  id          INTEGER PRIMARY KEY,
  course_id   INTEGER NOT NULL REFERENCES training_courses(id),
  name        TEXT NOT NULL DEFAULT '',         -- e.g. 2024年第3期; may be empty
  provider    TEXT NOT NULL,                    -- 培训机构
  site_id     INTEGER NOT NULL REFERENCES sites(id),  -- where it is held: the class's scope
  from_date   TEXT NOT NULL,                    -- first day of the class
  until_date  TEXT NOT NULL,                    -- LAST day of the class (inclusive)
  hours       INTEGER NOT NULL CHECK (hours > 0),      -- 课时 (class hours in total)
  capacity    INTEGER CHECK (capacity IS NULL OR capacity > 0),  -- places; NULL = not set
  note        TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK (until_date >= from_date)
);
CREATE INDEX training_classes_site ON training_classes(site_id, from_date);
CREATE INDEX training_classes_course ON training_classes(course_id);

CREATE TABLE training_enrolments (
  id              INTEGER PRIMARY KEY,
  class_id        INTEGER NOT NULL REFERENCES training_classes(id),
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  enrolled_on     TEXT NOT NULL,
  attended_days   INTEGER NOT NULL DEFAULT 0 CHECK (attended_days >= 0),
  attended_hours  INTEGER NOT NULL DEFAULT 0 CHECK (attended_hours >= 0),
  completed_on    TEXT,                         -- 结业: completed on that day; NULL = not (yet)
  dropped_on      TEXT,                         -- 退学: left on that day, with a reason
  drop_reason     TEXT NOT NULL DEFAULT '',
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  UNIQUE (class_id, person_id),
  CHECK (completed_on IS NULL OR dropped_on IS NULL),
  CHECK (dropped_on IS NULL OR drop_reason <> '')
);
CREATE INDEX training_enrolments_person ON training_enrolments(person_id);

CREATE TABLE training_certificates (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES persons(id),
  -- programme-facts §3: 培训合格证书 training, 职业技能等级证书 skill_level,
  -- 国家职业资格证书 qualification, 专项职业能力证书 special.
  kind         TEXT NOT NULL CHECK (kind IN ('training','skill_level','qualification','special')),
  -- 初级(五级) junior, 中级(四级) intermediate, 高级(三级) senior, 技师(二级) technician,
  -- 高级技师(一级) senior_technician; '' for the kinds without a level (training, special).
  level        TEXT NOT NULL DEFAULT '' CHECK (level IN ('','junior','intermediate','senior',
                 'technician','senior_technician')),
  occupation   TEXT NOT NULL,                   -- 职业(工种)
  number       TEXT NOT NULL DEFAULT '',        -- 证书编号
  issuer       TEXT NOT NULL DEFAULT '',        -- 发证机构
  issued_on    TEXT NOT NULL,
  class_id     INTEGER REFERENCES training_classes(id),  -- the class it came from, if any
  subsidy_fen  INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0),  -- 培训/技能补贴 paid
  note         TEXT NOT NULL DEFAULT '',
  recorded_by  TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL DEFAULT '',
  voided_at    TEXT,
  void_reason  TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX training_certificates_person ON training_certificates(person_id, issued_on);
CREATE INDEX training_certificates_class ON training_certificates(class_id) WHERE class_id IS NOT NULL;
-- One subsidy per person + occupation + level (programme-facts §3): the backstop of the rule the
-- storage checks first with a refusal naming the earlier certificate.
CREATE UNIQUE INDEX training_certificates_subsidy_once
  ON training_certificates(person_id, occupation, level) WHERE subsidy_fen > 0 AND voided_at IS NULL;
