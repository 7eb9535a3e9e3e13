#include "registry/storage/sqlite_demo_events.h"

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/resident_id.h"
#include "core/try.h"
#include "registry/registry.h"
#include "registry/storage/sqlite_register_events.h"

namespace anju::storage {

namespace {

using registry::RegisterEvent;
using registry::RegisterEventKind;

Date Plus(Date d, int days) { return FromDaysSinceEpoch(DaysSinceEpoch(d) + days); }

// The first integer of `sql` (bound with `texts`), or nullopt when no row.
Result<std::optional<int64_t>> One(Database& db, const std::string& sql, std::vector<std::string> texts = {}) {
  ANJU_TRY(st, db.Prepare(sql));
  for (size_t i = 0; i < texts.size(); ++i) st.Bind(static_cast<int>(i) + 1, texts[i]);
  ANJU_TRY(row, st.Step());
  if (!row || st.ColumnIsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(st.ColumnInt(0));
}

Result<int64_t> Need(Database& db, const std::string& sql, std::vector<std::string> texts = {}) {
  ANJU_TRY(v, One(db, sql, std::move(texts)));
  if (!v) return NotFound("demo events: the generated rows lack " + sql.substr(0, 80), "demo", "");
  return *v;
}

Status Run(Database& db, const std::string& sql, std::vector<std::string> texts = {}) {
  ANJU_TRY(st, db.Prepare(sql));
  for (size_t i = 0; i < texts.size(); ++i) st.Bind(static_cast<int>(i) + 1, texts[i]);
  return st.Run();
}

std::string S(int64_t v) { return std::to_string(v); }

class Writer {
 public:
  // `stamp`: created_at/updated_at of the rows, as the generator's (deterministic).
  Writer(Database& db, std::string stamp_text) : stamp(std::move(stamp_text)), db_(db) {}
  std::string stamp;
  int64_t events = 0;

  Result<int64_t> Event(RegisterEventKind kind, Date on, int64_t household, std::optional<int64_t> person,
                        std::optional<int64_t> other = std::nullopt, std::string place = "", std::string reason = "") {
    RegisterEvent e;
    e.kind = kind;
    e.event_date = on;
    e.household_id = household;
    e.person_id = person;
    e.other_household_id = other;
    e.place = std::move(place);
    e.reason = std::move(reason);
    e.recorded_by = "demo";
    ++events;
    return InsertRegisterEvent(db_, e);
  }

  // A new person (an extra one: not among the generated), valid id unless `pending`.
  Result<int64_t> Person(int64_t household, const std::string& name, const char* sex, Date birth, const char* rel,
                         bool pending, std::optional<Date> from, std::optional<Date> until) {
    std::string id;
    if (!pending) {
      const std::string b = FormatIsoDate(birth);
      const std::string stem = "141124" + b.substr(0, 4) + b.substr(5, 2) + b.substr(8, 2);
      for (int seq = 999; seq > 100 && id.empty(); seq -= 2) {  // 999, 997 … odd: male
        std::string s17 = stem + fmt::format("{:03d}", std::string_view(sex) == "male" ? seq : seq - 1);
        std::string full = s17 + ResidentIdCheckChar(s17);
        ANJU_TRY(used, One(db_, "SELECT 1 FROM persons WHERE resident_id = ?1", {full}));
        if (!used) id = full;
      }
    }
    ANJU_TRY(st, db_.Prepare("INSERT INTO persons(household_id, resident_id, name, name_initials, sex, birth_date, "
                             "relationship, able_to_work, wants_work, employment_kind, member_from, member_until, created_at, "
                             "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, 'none', ?8, ?9, ?10, ?10) RETURNING id"));
    st.Bind(1, household).Bind(2, id).Bind(3, name).Bind(4, registry::NameInitials(name)).Bind(5, sex)
        .Bind(6, FormatIsoDate(birth)).Bind(7, rel);
    if (from) st.Bind(8, FormatIsoDate(*from)); else st.BindNull(8);
    if (until) st.Bind(9, FormatIsoDate(*until)); else st.BindNull(9);
    st.Bind(10, stamp);
    return st.RunReturningId();
  }

  // The surname of household h's head (the first character of the name).
  Result<std::string> Surname(int64_t h) {
    ANJU_TRY(st, db_.Prepare("SELECT substr(name, 1, 1) FROM persons WHERE household_id = ?1 AND relationship = 'head'"));
    st.Bind(1, h);
    ANJU_TRY(row, st.Step());
    return row ? st.ColumnText(0) : std::string("王");
  }

  // Ends person p's membership on `on` by event `ev`.
  Status Leave(int64_t p, Date on, int64_t ev) {
    return Run(db_, fmt::format("UPDATE persons SET member_until = ?1, left_event_id = {} WHERE id = {}", ev, p),
               {FormatIsoDate(on)});
  }

  // Moves person p to household `to` as `rel` on `on` (the old membership to membership_history).
  Status Move(int64_t p, int64_t to, const char* rel, Date on, int64_t ev) {
    ANJU_CHECK(Run(db_, fmt::format("INSERT INTO membership_history(person_id, household_id, relationship, start_date, "
                                    "end_date, end_event_id) SELECT id, household_id, relationship, member_from, ?1, {} "
                                    "FROM persons WHERE id = {}", ev, p),
                   {FormatIsoDate(on)}));
    return Run(db_, fmt::format("UPDATE persons SET household_id = {}, relationship = ?2, member_from = ?1 WHERE id = {}",
                                to, p),
               {FormatIsoDate(on), rel});
  }

 private:
  Database& db_;
};

}  // namespace

Result<int64_t> AddDemoEvents(Database& db, Date stat) {
  // A database of the previous release's schema (no living register yet) gets no events.
  ANJU_TRY(has_events, Need(db, "SELECT count(*) FROM sqlite_master WHERE name = 'register_events'"));
  if (has_events == 0) return int64_t{0};
  const std::string sd = FormatIsoDate(stat);
  Writer w(db, sd + "T00:00:00Z");
  using K = RegisterEventKind;
  // Households of id order with a head and a spouse (plausible places for the events below).
  // Ids below are spread over the registry: `after` is in thousandths of the largest id (the
  // same households at any scale's first group).
  ANJU_TRY(max_household, Need(db, "SELECT max(id) FROM households"));
  auto at = [&](int64_t permille) { return max_household * permille / 1000; };
  auto household_with = [&](const char* rel, int64_t permille) {
    return Need(db, fmt::format("SELECT household_id FROM persons WHERE relationship = '{}' AND member_until IS NULL "
                                "AND household_id > {} ORDER BY household_id LIMIT 1", rel, at(permille)));
  };
  // Each event runs whole or not at all (a small --scale may lack the rows one needs).
  // The first other error stops the events and is returned at the end.
  Status failed;
  auto event = [&](const std::function<Status()>& write) {
    if (!failed) return;
    if (failed = db.Exec("SAVEPOINT demo_event"); !failed) return;
    Status st = write();
    if (!st && st.error().code != ErrorCode::kNotFound) {
      failed = st;
      return;
    }
    if (!st) failed = db.Exec("ROLLBACK TO demo_event");
    if (failed) failed = db.Exec("RELEASE demo_event");
  };

  // ---- Before the statistics date, balanced.
  // A death (2022-05): an extra parent of a household.
  event([&]() -> Status {
    ANJU_TRY(h, household_with("spouse", 0));
    ANJU_TRY(sur, w.Surname(h));
    const Date on = Plus(stat, -140);
    ANJU_TRY(p, w.Person(h, sur + "福根", "male", Date{std::chrono::year{1938}, std::chrono::month{3}, std::chrono::day{12}},
                         "parent", false, std::nullopt, std::nullopt));
    ANJU_TRY(ev, w.Event(K::kDeath, on, h, p, std::nullopt, "", "死亡证明"));
    ANJU_CHECK(w.Leave(p, on, ev));
    return {};
  });
  // Moving away (2022-03) and marrying out (2022-08): extra daughters.
  event([&]() -> Status {
    ANJU_TRY(h, household_with("spouse", 100));
    ANJU_TRY(sur, w.Surname(h));
    const Date on = Plus(stat, -200);
    ANJU_TRY(p, w.Person(h, sur + "春燕", "female", Date{std::chrono::year{1998}, std::chrono::month{4}, std::chrono::day{2}},
                         "child", false, std::nullopt, std::nullopt));
    ANJU_TRY(ev, w.Event(K::kMovedAway, on, h, p, std::nullopt, "太原", "户口迁出（就业）"));
    ANJU_CHECK(w.Leave(p, on, ev));
    return {};
  });
  event([&]() -> Status {
    ANJU_TRY(h, household_with("spouse", 200));
    ANJU_TRY(sur, w.Surname(h));
    const Date on = Plus(stat, -50);
    ANJU_TRY(p, w.Person(h, sur + "秀丽", "female", Date{std::chrono::year{1996}, std::chrono::month{11}, std::chrono::day{20}},
                         "child", false, std::nullopt, std::nullopt));
    ANJU_TRY(ev, w.Event(K::kMarriedOut, on, h, p, std::nullopt, "临县城庄镇", "结婚证"));
    ANJU_CHECK(w.Leave(p, on, ev));
    return {};
  });
  // A split (2021-11): a generated household of the same category, site and origin village as
  // another was part of it until then (its head a son, his spouse a daughter-in-law there).
  auto split = [&](Date on, int64_t a, int64_t n) -> Status {
    ANJU_TRY(ev, w.Event(K::kSplit, on, a, std::nullopt, n, "", "分户申请"));
    ANJU_CHECK(Run(db, fmt::format(
        "INSERT INTO membership_history(person_id, household_id, relationship, start_date, end_date, end_event_id) "
        "SELECT id, {}, CASE relationship WHEN 'head' THEN 'child' WHEN 'spouse' THEN 'daughter_in_law' WHEN 'child' "
        "THEN 'grandchild' ELSE 'other' END, member_from, ?1, {} FROM persons WHERE household_id = {} AND "
        "member_until IS NULL ORDER BY id", a, ev, n), {FormatIsoDate(on)}));
    ANJU_CHECK(Run(db, fmt::format("UPDATE persons SET member_from = ?1 WHERE household_id = {} AND member_until IS NULL", n),
                   {FormatIsoDate(on)}));
    return Run(db, fmt::format("UPDATE households SET formed_on = ?1, split_from_id = {} WHERE id = {}", a, n),
               {FormatIsoDate(on)});
  };
  event([&]() -> Status {
    ANJU_TRY(a, Need(db, fmt::format("SELECT a.id FROM households a WHERE a.id > {} AND EXISTS (SELECT 1 FROM households n WHERE "
                         "n.site_id = a.site_id AND n.origin_village_id = a.origin_village_id AND n.category = a.category "
                         "AND n.id > a.id AND n.id < a.id + 200) ORDER BY a.id LIMIT 1", at(22))));
    ANJU_TRY(n, Need(db, fmt::format("SELECT min(n.id) FROM households a JOIN households n ON n.site_id = a.site_id AND "
                                     "n.origin_village_id = a.origin_village_id AND n.category = a.category AND n.id > a.id "
                                     "WHERE a.id = {}", a)));
    ANJU_CHECK(split(Plus(stat, -314), a, n));
    return {};
  });
  // Births before the date: generated persons born in the year before it count from birth.
  event([&]() -> Status {
    ANJU_TRY(st, db.Prepare("SELECT id, household_id, birth_date FROM persons WHERE birth_date > ?1 AND birth_date <= ?2 "
                            "AND relationship <> 'head' AND member_from IS NULL ORDER BY id LIMIT 3"));
    st.Bind(1, FormatIsoDate(Plus(stat, -365))).Bind(2, sd);
    std::vector<std::tuple<int64_t, int64_t, std::string>> babies;
    for (;;) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      babies.emplace_back(st.ColumnInt(0), st.ColumnInt(1), st.ColumnText(2));
    }
    for (const auto& [p, h, b] : babies) {
      ANJU_TRY(ev, w.Event(K::kBirth, *ParseIsoDate(b), h, p, std::nullopt, "", "出生医学证明"));
      (void)ev;
      ANJU_CHECK(Run(db, fmt::format("UPDATE persons SET member_from = birth_date WHERE id = {}", p)));
    }
    return {};
  });
  // Marrying in (2022-04): a generated daughter-in-law counts from her wedding.
  event([&]() -> Status {
    ANJU_TRY(p, Need(db, "SELECT id FROM persons WHERE relationship = 'daughter_in_law' AND member_from IS NULL ORDER BY id LIMIT 1"));
    ANJU_TRY(h, Need(db, "SELECT household_id FROM persons WHERE id = " + S(p)));
    const Date on = Plus(stat, -170);
    ANJU_TRY(ev, w.Event(K::kMarriedIn, on, h, p, std::nullopt, "吕梁离石", "结婚证"));
    (void)ev;
    ANJU_CHECK(Run(db, "UPDATE persons SET member_from = ?1 WHERE id = " + S(p), {FormatIsoDate(on)}));
    return {};
  });
  // A grandchild under 16 moves to another household of the same category and site (2022-02).
  auto move_child = [&](Date on, int64_t after) -> Status {
    ANJU_TRY(p, Need(db, fmt::format("SELECT p.id FROM persons p WHERE p.relationship = 'grandchild' AND p.member_until "
                                     "IS NULL AND p.member_from IS NULL AND p.birth_date > '{}' AND p.household_id > {} ORDER BY p.id LIMIT 1",
                                     FormatIsoDate(Plus(stat, -16 * 366)), after)));
    ANJU_TRY(from, Need(db, "SELECT household_id FROM persons WHERE id = " + S(p)));
    ANJU_TRY(to, Need(db, fmt::format("SELECT y.id FROM households x JOIN households y ON y.site_id = x.site_id AND "
                                      "y.category = x.category AND y.id > x.id AND y.ended_on IS NULL AND y.formed_on IS NULL "
                                      "AND NOT EXISTS (SELECT 1 FROM persons d WHERE d.household_id = y.id AND d.relationship = "
                                      "'daughter_in_law') WHERE x.id = {} ORDER BY y.id LIMIT 1", from)));
    ANJU_TRY(ev, w.Event(K::kMovedBetween, on, from, p, to, "", "随祖父母生活"));
    return w.Move(p, to, "grandchild", on, ev);
  };
  event([&] { return move_child(Plus(stat, -227), 0); });
  // A merge (2022-01): an extra household of one elder ends; the elder is a parent of the kept
  // household from then.
  event([&]() -> Status {
    ANJU_TRY(p, Need(db, "SELECT id FROM persons WHERE relationship = 'parent' AND member_until IS NULL AND member_from IS "
                         "NULL ORDER BY id LIMIT 1 OFFSET 5"));
    ANJU_TRY(k, Need(db, "SELECT household_id FROM persons WHERE id = " + S(p)));
    ANJU_TRY(max_no, Need(db, "SELECT max(id) FROM households"));
    const Date on = Plus(stat, -263);
    ANJU_CHECK(Run(db, fmt::format("INSERT INTO households(id, household_no, category, origin_village_id, site_id, "
                                   "housing_unit_id, grid_id, move_in_date, convention_signed, created_at, updated_at) SELECT {0}, ?1, "
                                   "category, origin_village_id, site_id, NULL, grid_id, move_in_date, 0, ?2, ?2 FROM households "
                                   "WHERE id = {1}", max_no + 1, k),
                   {fmt::format("LX-{:07d}", max_no + 1), w.stamp}));
    const int64_t m = max_no + 1;
    ANJU_TRY(ev, w.Event(K::kMerged, on, m, std::nullopt, k, "", "合户申请"));
    ANJU_CHECK(Run(db, fmt::format("INSERT INTO membership_history(person_id, household_id, relationship, start_date, "
                                   "end_date, end_event_id) VALUES ({}, {}, 'head', NULL, ?1, {})", p, m, ev),
                   {FormatIsoDate(on)}));
    ANJU_CHECK(Run(db, "UPDATE persons SET member_from = ?1 WHERE id = " + S(p), {FormatIsoDate(on)}));
    ANJU_CHECK(Run(db, fmt::format("UPDATE households SET ended_on = ?1, end_event_id = {}, merged_into_id = {} WHERE id = {}",
                                   ev, k, m),
                   {FormatIsoDate(on)}));
    return {};
  });
  // A placement change (2022-04): the first household of the second site lived at the first
  // site before.
  event([&]() -> Status {
    ANJU_TRY(site2, Need(db, "SELECT id FROM sites ORDER BY id LIMIT 1 OFFSET 1"));
    ANJU_TRY(site1, Need(db, "SELECT min(id) FROM sites"));
    ANJU_TRY(h, Need(db, fmt::format("SELECT min(id) FROM households WHERE site_id = {} AND formed_on IS NULL AND "
                                     "ended_on IS NULL", site2)));
    const Date on = Plus(stat, -163);
    ANJU_TRY(ev, w.Event(K::kPlacementChanged, on, h, std::nullopt, std::nullopt, "", "调整安置点"));
    ANJU_CHECK(Run(db, fmt::format("INSERT INTO placement_history(household_id, site_id, housing_unit_id, grid_id, "
                                   "origin_village_id, start_date, end_date, end_event_id) SELECT id, {}, NULL, NULL, "
                                   "origin_village_id, NULL, ?1, {} FROM households WHERE id = {}", site1, ev, h),
                   {FormatIsoDate(on)}));
    return {};
  });

  // ---- After the statistics date: later days only.
  // Two deaths of generated elders (not heads).
  for (auto [days_, offset_] : {std::pair{45, 0}, std::pair{200, 7}})
    event([&, days = days_, offset = offset_]() -> Status {
    ANJU_TRY(p, Need(db, fmt::format("SELECT id FROM persons WHERE relationship = 'parent' AND member_until IS NULL AND "
                                     "member_from IS NULL AND birth_date < '1950-01-01' ORDER BY id LIMIT 1 OFFSET {}", offset)));
    ANJU_TRY(h, Need(db, "SELECT household_id FROM persons WHERE id = " + S(p)));
    const Date on = Plus(stat, days);
    ANJU_TRY(ev, w.Event(K::kDeath, on, h, p, std::nullopt, "", "死亡证明"));
    ANJU_CHECK(w.Leave(p, on, ev));
    return {};
  });
  // Two newborns whose ids are to be filled (extra persons).
  for (auto [days_, after_] : {std::pair{20, 500}, std::pair{130, 900}})
    event([&, days = days_, after = after_]() -> Status {
    ANJU_TRY(h, household_with("daughter_in_law", after));
    ANJU_TRY(sur, w.Surname(h));
    const Date born = Plus(stat, days);
    ANJU_TRY(p, w.Person(h, sur + (days == 20 ? "小宝" : "欣怡"), days == 20 ? "male" : "female", born, "grandchild", true,
                         born, std::nullopt));
    ANJU_TRY(ev, w.Event(K::kBirth, born, h, p, std::nullopt, "", "出生医学证明"));
    (void)ev;
    return {};
  });
  // Moving away (a generated young adult, not a head) and a child's move between households.
  event([&]() -> Status {
    ANJU_TRY(p, Need(db, "SELECT id FROM persons WHERE relationship = 'child' AND member_until IS NULL AND birth_date "
                         "BETWEEN '1998-01-01' AND '2002-12-31' ORDER BY id LIMIT 1 OFFSET 3"));
    ANJU_TRY(h, Need(db, "SELECT household_id FROM persons WHERE id = " + S(p)));
    const Date on = Plus(stat, 90);
    ANJU_TRY(ev, w.Event(K::kMovedAway, on, h, p, std::nullopt, "北京", "户口迁出（升学）"));
    ANJU_CHECK(w.Leave(p, on, ev));
    return {};
  });
  event([&] { return move_child(Plus(stat, 60), at(150)); });
  // A split after the date: a new household (extra) of a married son of a generated household,
  // the unit to be decided (none yet).
  event([&]() -> Status {
    ANJU_TRY(son, Need(db, fmt::format("SELECT c.id FROM persons c JOIN persons d ON d.household_id = c.household_id AND "
                           "d.relationship = 'daughter_in_law' AND d.member_until IS NULL AND d.member_from IS NULL "
                           "WHERE c.relationship = 'child' AND c.sex = 'male' AND c.member_until IS NULL AND c.birth_date < "
                           "'1995-01-01' AND c.household_id > {} ORDER BY c.id LIMIT 1", at(225))));
    ANJU_TRY(a, Need(db, "SELECT household_id FROM persons WHERE id = " + S(son)));
    ANJU_TRY(wife, Need(db, fmt::format("SELECT min(id) FROM persons WHERE household_id = {} AND relationship = "
                                        "'daughter_in_law' AND member_until IS NULL", a)));
    ANJU_TRY(max_no, Need(db, "SELECT max(id) FROM households"));
    const int64_t n = max_no + 1;
    const Date on = Plus(stat, 150);
    ANJU_CHECK(Run(db, fmt::format("INSERT INTO households(id, household_no, category, origin_village_id, site_id, "
                                   "housing_unit_id, grid_id, move_in_date, convention_signed, formed_on, split_from_id, created_at, "
                                   "updated_at) SELECT {0}, ?1, category, origin_village_id, site_id, NULL, grid_id, "
                                   "move_in_date, 0, ?2, id, ?3, ?3 FROM households WHERE id = {1}", n, a),
                   {fmt::format("LX-{:07d}", n), FormatIsoDate(on), w.stamp}));
    ANJU_TRY(ev, w.Event(K::kSplit, on, a, std::nullopt, n, "", "分户申请（住房待定）"));
    ANJU_CHECK(w.Move(son, n, "head", on, ev));
    ANJU_CHECK(w.Move(wife, n, "spouse", on, ev));
    return {};
  });
  if (!failed) return std::unexpected(failed.error());
  return w.events;
}

}  // namespace anju::storage
