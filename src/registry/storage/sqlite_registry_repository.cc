#include "core/try.h"
#include "registry/storage/sqlite_registry_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <variant>

#include "storage/audit_log.h"
#include "registry/storage/sqlite_figure_records.h"
#include "registry/storage/sqlite_reference_repository.h"
#include "sites/storage/sqlite_sites_repository.h"
#include "storage/scope_sql.h"

namespace anju::storage {

using registry::Household;
using registry::Person;

namespace {


// SQL text with its bound values, built from fixed fragments only.
struct Query {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> binds;
  /// Appends `fragment` with each '?' bound to the next value of `values`.
  void Add(std::string_view fragment, std::initializer_list<std::variant<int64_t, std::string>> values = {}) {
    sql += fragment;
    for (const auto& v : values) binds.push_back(v);
  }
  /// Appends another query's text and bound values.
  void Add(const Query& other) {
    sql += other.sql;
    binds.insert(binds.end(), other.binds.begin(), other.binds.end());
  }
  Result<Statement> Prepare(Connection& db) const {
    auto st = db.Prepare(sql);
    if (!st) return std::unexpected(st.error());
    for (size_t i = 0; i < binds.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      if (std::holds_alternative<int64_t>(binds[i])) st->Bind(idx, std::get<int64_t>(binds[i]));
      else st->Bind(idx, std::get<std::string>(binds[i]));
    }
    return st;
  }
};

// count(*) of `from_where` (a "FROM … WHERE 1 = 1" text) with the conditions `conds`.
Result<int64_t> CountRows(Connection& db, std::string_view from_where, const Query& conds) {
  Query q;
  q.Add(fmt::format("SELECT count(*) {}", from_where));
  q.Add(conds);
  auto st = q.Prepare(db);
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return *row ? st->ColumnInt(0) : 0;
}

// Households visible in `scope` (h = households, o = origin_villages): the one builder,
// storage/scope_sql.h.
void AddScope(Query& q, const AccessScope& scope) {
  if (scope.level == AccessScope::Level::kCounty) return;
  ScopeClause c = HouseholdScopeSql(scope);
  q.sql += " AND " + c.sql;
  q.binds.insert(q.binds.end(), c.values.begin(), c.values.end());
}

constexpr std::string_view kHouseholdCols =
    "h.id, h.household_no, h.category, h.origin_village_id, h.site_id, h.housing_unit_id, h.grid_id, "
    "h.move_in_date, h.convention_signed, h.version";

Household ReadHousehold(const Statement& st, int c = 0) {
  Household h;
  h.id = st.ColumnInt(c);
  h.household_no = st.ColumnText(c + 1);
  h.category = st.ColumnText(c + 2) == "co_relocated" ? registry::Category::kCoRelocated : registry::Category::kRegisteredPoor;
  h.origin_village_id = st.ColumnInt(c + 3);
  h.site_id = st.ColumnInt(c + 4);
  h.housing_unit_id = st.ColumnOptionalInt(c + 5);
  h.grid_id = st.ColumnOptionalInt(c + 6);
  if (auto d = ParseIsoDate(st.ColumnText(c + 7))) h.move_in_date = *d;
  h.convention_signed = st.ColumnInt(c + 8) != 0;
  h.version = st.ColumnInt(c + 9);
  return h;
}

constexpr std::string_view kPersonCols =
    "p.id, p.household_id, p.resident_id, p.name, p.sex, p.birth_date, p.relationship, coalesce(p.ethnicity, ''), "
    "coalesce(p.phone, ''), coalesce(p.education, ''), p.health, p.disability_grade, p.able_to_work, p.wants_work, "
    "p.employment_kind, coalesce(p.employer, ''), p.version, p.name_initials";

Person ReadPerson(const Statement& st, int c = 0) {
  Person p;
  p.id = st.ColumnInt(c + 0);
  p.household_id = st.ColumnInt(c + 1);
  p.resident_id = st.ColumnText(c + 2);
  p.name = st.ColumnText(c + 3);
  p.sex = st.ColumnText(c + 4) == "female" ? Sex::kFemale : Sex::kMale;
  if (auto d = ParseIsoDate(st.ColumnText(c + 5))) p.birth_date = *d;
  if (auto r = registry::ParseRelationship(st.ColumnText(c + 6))) p.relationship = *r;
  p.ethnicity = st.ColumnText(c + 7);
  p.phone = st.ColumnText(c + 8);
  p.education = st.ColumnText(c + 9);
  if (!st.ColumnIsNull(c + 10))
    if (auto h = registry::ParseHealth(st.ColumnText(c + 10))) p.health = *h;
  if (auto g = st.ColumnOptionalInt(c + 11)) p.disability_grade = static_cast<int>(*g);
  p.able_to_work = st.ColumnInt(c + 12) != 0;
  p.wants_work = st.ColumnInt(c + 13) != 0;
  if (auto k = registry::ParseEmploymentKind(st.ColumnText(c + 14))) p.employment_kind = *k;
  p.employer = st.ColumnText(c + 15);
  p.version = st.ColumnInt(c + 16);
  p.name_initials = st.ColumnText(c + 17);
  return p;
}

// Opaque keyset cursor: hex of "<sort key value>\x1f<id>".
std::string EncodeCursor(const std::string& key, int64_t id) {
  std::string raw = key + '\x1f' + std::to_string(id), out;
  for (unsigned char c : raw) out += fmt::format("{:02x}", c);
  return out;
}
Result<std::pair<std::string, int64_t>> DecodeCursor(const std::string& cursor) {
  auto bad = [&] {
    return InvalidArgument("the cursor is not one this server gave out; pass next_cursor unchanged or start without one",
                           "cursor", cursor.substr(0, 40), "分页游标无效");
  };
  if (cursor.size() % 2) return bad();
  std::string raw;
  for (size_t i = 0; i < cursor.size(); i += 2) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      char c = cursor[i + static_cast<size_t>(k)];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return bad();
      v = v * 16 + d;
    }
    raw += static_cast<char>(v);
  }
  size_t sep = raw.rfind('\x1f');
  if (sep == std::string::npos) return bad();
  int64_t id = 0;
  for (char c : raw.substr(sep + 1)) {
    if (c < '0' || c > '9') return bad();
    id = id * 10 + (c - '0');
  }
  return std::make_pair(raw.substr(0, sep), id);
}

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}
std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Condition on a person row `alias` matching the search text: name prefix, pinyin initials,
// whole id, or the id's last 4–6 characters (uses the persons_id_tail index).
void AddPersonQuery(Query& q, std::string_view alias, const std::string& text) {
  std::string t = text;
  const bool ascii_alpha = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  const bool id_like = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'x' || c == 'X'; });
  if (ascii_alpha) {
    q.Add(fmt::format("{}.name_initials = ?", alias), {Lower(t)});
  } else if (id_like && t.size() == 18) {
    // "<> ''" lets SQLite use the partial unique index persons_resident_id (registry 0002).
    q.Add(fmt::format("{0}.resident_id = ? AND {0}.resident_id <> ''", alias), {Upper(t)});
  } else if (id_like && t.size() >= 4 && t.size() <= 6) {
    std::string u = Upper(t);
    q.Add(fmt::format("(substr({0}.resident_id, 15, 4) = ? AND substr({0}.resident_id, ?) = ?)", alias),
          {u.substr(u.size() - 4), static_cast<int64_t>(19 - u.size()), u});
  } else {
    // Name prefix: a range on the persons_name index (no LIKE escaping needed).
    q.Add(fmt::format("({0}.name >= ? AND {0}.name < ?)", alias), {t, t + "\xf4\x8f\xbf\xbf"});
  }
}

// Conditions on a person row `alias` for the traits of `m` (employment, age in completed years
// on m.as_of, ability and will to work, sex). Errors: kInvalidArgument when an age bound has no
// as_of.
Status AddPersonTraits(Query& q, std::string_view alias, const registry::MemberFilter& m) {
  if (m.employed) q.Add(fmt::format(" AND {}.employment_kind {} 'none'", alias, *m.employed ? "<>" : "="));
  if (m.employment_kind)
    q.Add(fmt::format(" AND {}.employment_kind = ?", alias), {std::string(registry::EmploymentKindName(*m.employment_kind))});
  if ((m.age_min || m.age_max) && !m.as_of)
    return InvalidArgument("an age filter needs the date ages are counted on (as_of)", "as_of", "");
  // Age in completed years on as_of: age >= a  <=>  birth_date <= as_of − a years.
  auto years_before = [](Date d, int y) {
    Date r{d.year() - std::chrono::years{y}, d.month(), d.day()};
    if (!r.ok()) r = Date{r.year(), r.month(), std::chrono::day{28}};  // 29 Feb in a common year
    return r;
  };
  if (m.age_min) q.Add(fmt::format(" AND {}.birth_date <= ?", alias), {FormatIsoDate(years_before(*m.as_of, *m.age_min))});
  if (m.age_max) q.Add(fmt::format(" AND {}.birth_date > ?", alias), {FormatIsoDate(years_before(*m.as_of, *m.age_max + 1))});
  if (m.able_to_work) q.Add(fmt::format(" AND {}.able_to_work = ?", alias), {static_cast<int64_t>(*m.able_to_work)});
  if (m.wants_work) q.Add(fmt::format(" AND {}.wants_work = ?", alias), {static_cast<int64_t>(*m.wants_work)});
  if (m.sex) q.Add(fmt::format(" AND {}.sex = ?", alias), {std::string(SexName(*m.sex))});
  return {};
}

// The condition of a figure's named filter (storage/sqlite_figure_records.h) on `list`.
Status AddFigureFilter(Query& q, std::string_view list, const registry::FigureFilter& f) {
  ANJU_TRY(c, FigureFilterSql(list, f.name, f.as_of));
  q.Add(" AND (" + c.sql + ")");
  for (const std::string& b : c.binds) q.binds.emplace_back(b);
  return {};
}

// The day a list counts on (docs/living-register.md): ?as_of=, else the figure's day; nullopt:
// the current households and members.
std::optional<Date> CountedOn(const std::optional<Date>& counted_on, const std::optional<registry::FigureFilter>& figure) {
  if (counted_on) return counted_on;
  if (figure) return figure->as_of;
  return std::nullopt;
}

}  // namespace

Result<std::optional<Household>> SqliteRegistryRepository::FindHousehold(const AccessScope& scope, int64_t id) {
  Query q;
  q.Add(fmt::format("SELECT {} FROM households h JOIN origin_villages o ON o.id = h.origin_village_id WHERE h.id = ?",
                    kHouseholdCols), {id});
  AddScope(q, scope);
  auto st = q.Prepare(db_);
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Household>();
  return ReadHousehold(*st);
}

Result<registry::Page<registry::HouseholdSummary>> SqliteRegistryRepository::ListHouseholds(
    const AccessScope& scope, const registry::HouseholdFilter& f, const registry::HouseholdSort& sort,
    const registry::PageRequest& page) {
  // As of a day: the households counted then, placed as then, their members then; else the
  // current ones (not ended) and their current members.
  const std::optional<Date> day = CountedOn(f.counted_on, f.figure);
  const std::string d = day ? DateLiteral(*day) : std::string();
  const std::string members_expr =
      day ? MemberCountOnSql("h.id", d)
          : std::string("(SELECT count(*) FROM persons m WHERE m.household_id = h.id AND m.member_until IS NULL)");
  std::string key_expr;
  switch (sort.key) {
    case registry::HouseholdSortKey::kHouseholdNo: key_expr = "h.household_no"; break;
    case registry::HouseholdSortKey::kMoveInDate: key_expr = "h.move_in_date"; break;
    case registry::HouseholdSortKey::kMembers: key_expr = members_expr; break;
    case registry::HouseholdSortKey::kId: key_expr = "h.id"; break;
  }
  const bool numeric = sort.key == registry::HouseholdSortKey::kMembers || sort.key == registry::HouseholdSortKey::kId;
  // The conditions (scope first), shared by the page and its count.
  Query w;
  AddScope(w, scope);
  if (!day) w.Add(" AND h.ended_on IS NULL");
  if (f.site_id) w.Add(" AND h.site_id = ?", {*f.site_id});
  if (!f.township_code.empty())  // the township filter: a township's scope (one rule)
    AddScope(w, AccessScope{AccessScope::Level::kTownship, f.township_code, 0, 0});
  if (f.category) w.Add(" AND h.category = ?", {std::string(registry::CategoryName(*f.category))});
  if (f.relocation_type) w.Add(" AND o.relocation_type = ?", {std::string(registry::RelocationTypeName(*f.relocation_type))});
  if (f.origin_village_id) w.Add(" AND h.origin_village_id = ?", {*f.origin_village_id});
  if (f.grid_id) w.Add(" AND h.grid_id = ?", {*f.grid_id});
  if (!f.query.empty()) {
    w.Add(" AND (h.household_no = ? OR EXISTS (SELECT 1 FROM persons qp WHERE qp.household_id = h.id AND qp.relationship = 'head' "
          "AND qp.member_until IS NULL AND ",
          {f.query});
    AddPersonQuery(w, "qp", f.query);
    w.Add("))");
  }
  if (!f.member.empty()) {
    if (day)
      w.Add(fmt::format(" AND EXISTS (SELECT 1 FROM {} mm JOIN persons mp ON mp.id = mm.person_id WHERE mm.household_id = h.id",
                        MembersOnSql(d)));
    else
      w.Add(" AND EXISTS (SELECT 1 FROM persons mp WHERE mp.household_id = h.id AND mp.member_until IS NULL");
    ANJU_CHECK(AddPersonTraits(w, "mp", f.member));
    w.Add(")");
  }
  if (f.figure) ANJU_CHECK(AddFigureFilter(w, "households", *f.figure));
  // The head then: the persons row or the membership_history row of a head on the day.
  const std::string households_from = day ? HouseholdsOnSql(d) + " h" : std::string("households h");
  const std::string head_join =
      day ? fmt::format("LEFT JOIN persons hd ON hd.id = coalesce((SELECT y.id FROM persons y WHERE y.household_id = h.id "
                        "AND y.relationship = 'head' AND (y.member_from IS NULL OR y.member_from <= {0}) AND "
                        "(y.member_until IS NULL OR y.member_until > {0}) AND y.birth_date <= {0} LIMIT 1), "
                        "(SELECT mh.person_id FROM membership_history mh WHERE mh.household_id = h.id AND "
                        "mh.relationship = 'head' AND (mh.start_date IS NULL OR mh.start_date <= {0}) AND "
                        "mh.end_date > {0} LIMIT 1))",
                        d)
          : std::string("LEFT JOIN persons hd ON hd.household_id = h.id AND hd.relationship = 'head' AND hd.member_until IS NULL");
  Query q;
  q.Add(fmt::format("SELECT {}, hd.name, hd.resident_id, {}, "
                    "s.name, o.name, o.township_code, o.relocation_type, {} "
                    "FROM {} JOIN origin_villages o ON o.id = h.origin_village_id JOIN sites s ON s.id = h.site_id "
                    "{} WHERE 1 = 1",
                    kHouseholdCols, members_expr, key_expr, households_from, head_join));
  q.Add(w);
  if (!page.cursor.empty()) {
    auto c = DecodeCursor(page.cursor);
    if (!c) return std::unexpected(c.error());
    const char* op = sort.descending ? "<" : ">";
    if (numeric) q.Add(fmt::format(" AND ({}, h.id) {} (?, ?)", key_expr, op), {static_cast<int64_t>(std::atoll(c->first.c_str())), c->second});
    else q.Add(fmt::format(" AND ({}, h.id) {} (?, ?)", key_expr, op), {c->first, c->second});
  }
  const char* dir = sort.descending ? "DESC" : "ASC";
  q.Add(fmt::format(" ORDER BY {0} {1}, h.id {1} LIMIT ?", key_expr, dir), {static_cast<int64_t>(page.limit + 1)});
  auto st = q.Prepare(db_);
  if (!st) return std::unexpected(st.error());
  registry::Page<registry::HouseholdSummary> out;
  if (page.with_total) {
    auto n = CountRows(db_, fmt::format("FROM {} JOIN origin_villages o ON o.id = h.origin_village_id "
                                        "JOIN sites s ON s.id = h.site_id WHERE 1 = 1", households_from), w);
    if (!n) return std::unexpected(n.error());
    out.total = *n;
  }
  std::string last_key;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_cursor = EncodeCursor(last_key, out.items.back().household.id);
      break;
    }
    registry::HouseholdSummary s;
    s.household = ReadHousehold(*st);
    s.head_name = st->ColumnText(10);
    s.head_resident_id = st->ColumnIsNull(11) ? "" : st->ColumnText(11);
    s.members = static_cast<int>(st->ColumnInt(12));
    s.site_name = st->ColumnText(13);
    s.origin_village_name = st->ColumnText(14);
    s.origin_township_code = st->ColumnText(15);
    s.relocation_type = st->ColumnText(16) == "whole_village" ? registry::RelocationType::kWholeVillage : registry::RelocationType::kScattered;
    last_key = st->ColumnText(17);
    out.items.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Person>> SqliteRegistryRepository::PersonsOfHousehold(int64_t household_id) {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM persons p WHERE p.household_id = ?1 AND p.member_until IS NULL "
                                    "ORDER BY p.relationship <> 'head', p.id", kPersonCols));
  if (!st) return std::unexpected(st.error());
  st->Bind(1, household_id);
  std::vector<Person> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(ReadPerson(*st));
  }
  return out;
}

Result<std::optional<registry::HouseholdRecords>> SqliteRegistryRepository::LoadHousehold(const AccessScope& scope,
                                                                                         int64_t id) {
  // One statement, one row per member (one row with NULL person columns when none): columns
  // 0-9 household, 10-16 origin village, 17 site name, 18-24 housing unit, 25- person.
  Query q;
  q.Add(fmt::format(
            "SELECT {}, o.id, coalesce(o.division_code, ''), o.name, o.township_code, coalesce(d.name, ''), "
            "o.relocation_type, coalesce(o.legacy_name, ''), s.name, u.id, u.site_id, u.building, u.entrance, u.room, "
            "u.floor_area_dm2, (SELECT hu.id FROM households hu WHERE hu.housing_unit_id = u.id), {} "
            "FROM households h JOIN origin_villages o ON o.id = h.origin_village_id "
            "LEFT JOIN divisions d ON d.code = o.township_code LEFT JOIN sites s ON s.id = h.site_id "
            "LEFT JOIN housing_units u ON u.id = h.housing_unit_id LEFT JOIN persons p ON p.household_id = h.id AND p.member_until IS NULL "
            "WHERE h.id = ?",
            kHouseholdCols, kPersonCols),
        {id});
  AddScope(q, scope);
  q.Add(" ORDER BY p.relationship <> 'head', p.id");
  auto st = q.Prepare(db_);
  if (!st) return std::unexpected(st.error());
  std::optional<registry::HouseholdRecords> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (!out) {
      registry::HouseholdRecords r;
      r.household = ReadHousehold(*st);
      r.origin_village = ReadOriginVillage(*st, 10);
      if (!st->ColumnIsNull(17)) r.site_name = st->ColumnText(17);
      if (!st->ColumnIsNull(18)) {
        sites::HousingUnit u;
        u.id = st->ColumnInt(18);
        u.site_id = st->ColumnInt(19);
        u.building = st->ColumnText(20);
        u.entrance = st->ColumnText(21);
        u.room = st->ColumnText(22);
        u.floor_area_dm2 = st->ColumnInt(23);
        u.household_id = st->ColumnOptionalInt(24);
        r.housing_unit = std::move(u);
      }
      out = std::move(r);
    }
    if (!st->ColumnIsNull(25)) out->members.push_back(ReadPerson(*st, 25));
  }
  return out;
}

Result<std::optional<Person>> SqliteRegistryRepository::FindPerson(const AccessScope& scope, int64_t id) {
  Query q;
  q.Add(fmt::format("SELECT {}, h.household_no FROM persons p JOIN households h ON h.id = p.household_id "
                    "JOIN origin_villages o ON o.id = h.origin_village_id WHERE p.id = ?", kPersonCols), {id});
  AddScope(q, scope);
  auto st = q.Prepare(db_);
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Person>();
  Person p = ReadPerson(*st);
  p.household_no = st->ColumnText(18);
  return p;
}

Result<registry::Page<Person>> SqliteRegistryRepository::ListPersons(const AccessScope& scope, const registry::PersonFilter& f,
                                                                     const registry::PersonSort& sort,
                                                                     const registry::PageRequest& page) {
  std::string key_expr = sort.key == registry::PersonSortKey::kName ? "p.name"
                         : sort.key == registry::PersonSortKey::kBirthDate ? "p.birth_date" : "p.id";
  // As of a day: every membership counted then (m), with the household as placed then (h);
  // else the current members (persons rows with no end) of households not ended.
  const std::optional<Date> day = CountedOn(f.counted_on, f.figure);
  const std::string d = day ? DateLiteral(*day) : std::string();
  const std::string household_of = day ? "m.household_id" : "p.household_id";
  // The conditions (scope first), shared by the page and its count.
  Query w;
  AddScope(w, scope);
  if (!day) w.Add(" AND p.member_until IS NULL AND h.ended_on IS NULL");
  if (!f.query.empty()) {
    w.Add(" AND ");
    AddPersonQuery(w, "p", f.query);
  }
  if (f.household_id) w.Add(fmt::format(" AND {} = ?", household_of), {*f.household_id});
  if (f.site_id) w.Add(" AND h.site_id = ?", {*f.site_id});
  if (f.grid_id) w.Add(" AND h.grid_id = ?", {*f.grid_id});
  if (!f.township_code.empty())  // the township filter: a township's scope (one rule)
    AddScope(w, AccessScope{AccessScope::Level::kTownship, f.township_code, 0, 0});
  if (f.category) w.Add(" AND h.category = ?", {std::string(registry::CategoryName(*f.category))});
  ANJU_CHECK(AddPersonTraits(w, "p", registry::MemberFilter{f.employed, f.employment_kind, f.age_min, f.age_max, f.as_of,
                                                       f.able_to_work, f.wants_work, f.sex}));
  if (f.figure) ANJU_CHECK(AddFigureFilter(w, "persons", *f.figure));
  const std::string kFrom =
      day ? fmt::format("FROM {} m JOIN persons p ON p.id = m.person_id JOIN {} h ON h.id = m.household_id "
                        "JOIN origin_villages o ON o.id = h.origin_village_id WHERE 1 = 1",
                        MembersOnSql(d), HouseholdsOnSql(d))
          : std::string("FROM persons p JOIN households h ON h.id = p.household_id "
                        "JOIN origin_villages o ON o.id = h.origin_village_id WHERE 1 = 1");
  // As of a day, the household and relationship of that day's membership.
  std::string cols(kPersonCols);
  if (day) {
    cols.replace(cols.find("p.household_id"), 14, "m.household_id");
    cols.replace(cols.find("p.relationship"), 14, "m.relationship");
  }
  Query q;
  q.Add(fmt::format("SELECT {}, {}, h.household_no {}", cols, key_expr, kFrom));
  q.Add(w);
  if (!page.cursor.empty()) {
    auto c = DecodeCursor(page.cursor);
    if (!c) return std::unexpected(c.error());
    const char* op = sort.descending ? "<" : ">";
    if (sort.key == registry::PersonSortKey::kId) q.Add(fmt::format(" AND p.id {} ?", op), {c->second});
    else q.Add(fmt::format(" AND ({}, p.id) {} (?, ?)", key_expr, op), {c->first, c->second});
  }
  const char* dir = sort.descending ? "DESC" : "ASC";
  q.Add(fmt::format(" ORDER BY {0} {1}, p.id {1} LIMIT ?", key_expr, dir), {static_cast<int64_t>(page.limit + 1)});
  auto st = q.Prepare(db_);
  if (!st) return std::unexpected(st.error());
  registry::Page<Person> out;
  if (page.with_total) {
    auto n = CountRows(db_, kFrom, w);
    if (!n) return std::unexpected(n.error());
    out.total = *n;
  }
  std::string last_key;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_cursor = EncodeCursor(last_key, out.items.back().id);
      break;
    }
    out.items.push_back(ReadPerson(*st));
    out.items.back().household_no = st->ColumnText(19);
    last_key = st->ColumnText(18);
  }
  return out;
}

Result<std::optional<registry::OriginVillage>> SqliteRegistryRepository::FindOriginVillage(int64_t id) {
  auto st = db_.Prepare("SELECT o.id, coalesce(o.division_code, ''), o.name, o.township_code, coalesce(d.name, ''), "
                        "o.relocation_type, coalesce(o.legacy_name, '') FROM origin_villages o "
                        "LEFT JOIN divisions d ON d.code = o.township_code WHERE o.id = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<registry::OriginVillage>();
  return ReadOriginVillage(*st);
}

Result<std::optional<registry::Division>> SqliteRegistryRepository::FindDivision(const std::string& code) {
  auto st = db_.Prepare("SELECT code, name, level, coalesce(parent_code, ''), coalesce(urban_rural_code, '') "
                        "FROM divisions WHERE code = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, code);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<registry::Division>();
  return std::optional<registry::Division>(registry::Division{st->ColumnText(0), st->ColumnText(1), st->ColumnText(2),
                                                              st->ColumnText(3), st->ColumnText(4)});
}

Result<std::optional<registry::OriginVillage>> SqliteRegistryRepository::FindSameOriginVillage(
    const registry::OriginVillage& v) {
  auto st = db_.Prepare("SELECT o.id, coalesce(o.division_code, ''), o.name, o.township_code, coalesce(d.name, ''), "
                        "o.relocation_type, coalesce(o.legacy_name, '') FROM origin_villages o "
                        "LEFT JOIN divisions d ON d.code = o.township_code "
                        "WHERE (?1 <> '' AND o.division_code = ?1) OR (o.township_code = ?2 AND o.name = ?3) "
                        "ORDER BY o.id LIMIT 1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, v.division_code).Bind(2, v.township_code).Bind(3, v.name);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<registry::OriginVillage>();
  return ReadOriginVillage(*st);
}

Result<int64_t> SqliteRegistryRepository::InsertOriginVillage(const registry::OriginVillage& v) {
  auto st = db_.Prepare("INSERT INTO origin_villages (division_code, name, township_code, relocation_type) "
                        "VALUES (?1, ?2, ?3, ?4) RETURNING id");
  if (!st) return std::unexpected(st.error());
  if (v.division_code.empty())
    st->BindNull(1);
  else
    st->Bind(1, v.division_code);
  st->Bind(2, v.name).Bind(3, v.township_code).Bind(4, std::string(registry::RelocationTypeName(v.relocation_type)));
  return st->RunReturningId();
}

Result<std::optional<sites::HousingUnit>> SqliteRegistryRepository::FindHousingUnit(int64_t id) {
  auto st = db_.Prepare("SELECT u.id, u.site_id, u.building, u.entrance, u.room, u.floor_area_dm2, "
                        "(SELECT h.id FROM households h WHERE h.housing_unit_id = u.id) FROM housing_units u WHERE u.id = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<sites::HousingUnit>();
  return ReadHousingUnit(*st);
}

namespace {
Result<std::optional<int64_t>> OneInt(Connection& db, std::string_view sql, const std::variant<int64_t, std::string>& v) {
  Query q;
  q.Add(sql, {v});
  auto st = q.Prepare(db);
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<int64_t>();
  return st->ColumnInt(0);
}
}  // namespace

Result<bool> SqliteRegistryRepository::SiteExists(int64_t site_id) {
  auto r = OneInt(db_, "SELECT id FROM sites WHERE id = ?", site_id);
  if (!r) return std::unexpected(r.error());
  return r->has_value();
}
Result<Place> SqliteRegistryRepository::PlaceOf(const Household& h) {
  auto st = db_.Prepare(
      "SELECT (SELECT township_code FROM origin_villages WHERE id = ?1), "
      "(SELECT township_code FROM sites WHERE id = ?2)");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, h.origin_village_id).Bind(2, h.site_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  Place p;
  if (*row) {
    p.origin_township_code = st->ColumnText(0);
    p.site_township_code = st->ColumnText(1);
  }
  p.site_id = h.site_id;
  p.grid_id = h.grid_id.value_or(0);
  p.household_id = h.id;  // a cadre's assigned household (core/actor.h ScopeCovers)
  return p;
}
Result<std::optional<int64_t>> SqliteRegistryRepository::SiteOfGrid(int64_t grid_id) {
  return OneInt(db_, "SELECT site_id FROM grids WHERE id = ?", grid_id);
}
Result<std::optional<int64_t>> SqliteRegistryRepository::PersonIdByResidentId(const std::string& resident_id) {
  return OneInt(db_, "SELECT id FROM persons WHERE resident_id = ? AND resident_id <> ''", resident_id);
}
Result<std::optional<int64_t>> SqliteRegistryRepository::HouseholdIdByNo(const std::string& household_no) {
  return OneInt(db_, "SELECT id FROM households WHERE household_no = ?", household_no);
}
Result<std::optional<std::string>> SqliteRegistryRepository::SiteName(int64_t site_id) {
  auto st = db_.Prepare("SELECT name FROM sites WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, site_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return st->ColumnText(0);
}
Result<std::optional<Date>> SqliteRegistryRepository::StatisticsDate() {
  auto st = db_.Prepare("SELECT value FROM meta WHERE key = 'statistics_date'");
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Date>();
  auto d = ParseIsoDate(st->ColumnText(0), "statistics_date");
  if (!d) return std::unexpected(d.error());
  return *d;
}

namespace {
class SqliteWriteTransaction : public registry::WriteTransaction {
 public:
  explicit SqliteWriteTransaction(Transaction tx) : tx_(std::move(tx)) {}
  Status Commit() override { return tx_.Commit(); }

 private:
  Transaction tx_;
};
}  // namespace

Result<std::unique_ptr<registry::WriteTransaction>> SqliteRegistryRepository::BeginWrite() {
  auto tx = Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  return std::unique_ptr<registry::WriteTransaction>(std::make_unique<SqliteWriteTransaction>(std::move(*tx)));
}

namespace {
void BindHousehold(Statement& st, const Household& h) {
  st.Bind(1, h.household_no).Bind(2, registry::CategoryName(h.category)).Bind(3, h.origin_village_id).Bind(4, h.site_id)
      .Bind(5, h.housing_unit_id).Bind(6, h.grid_id).Bind(7, FormatIsoDate(h.move_in_date)).Bind(8, h.convention_signed ? 1 : 0);
}
void BindPerson(Statement& st, const Person& p) {
  st.Bind(1, p.household_id).Bind(2, p.resident_id).Bind(3, p.name).Bind(4, registry::NameInitials(p.name)).Bind(5, SexName(p.sex))
      .Bind(6, FormatIsoDate(p.birth_date)).Bind(7, registry::RelationshipName(p.relationship));
  if (p.ethnicity.empty()) st.BindNull(8); else st.Bind(8, p.ethnicity);
  if (p.phone.empty()) st.BindNull(9); else st.Bind(9, p.phone);
  if (p.education.empty()) st.BindNull(10); else st.Bind(10, p.education);
  if (p.health) st.Bind(11, registry::HealthName(*p.health)); else st.BindNull(11);
  if (p.disability_grade) st.Bind(12, *p.disability_grade); else st.BindNull(12);
  st.Bind(13, p.able_to_work ? 1 : 0).Bind(14, p.wants_work ? 1 : 0).Bind(15, registry::EmploymentKindName(p.employment_kind));
  if (p.employer.empty()) st.BindNull(16); else st.Bind(16, p.employer);
}

// Runs `st`, a versioned UPDATE (… WHERE id = ? AND version = ?) of `entity` `id` at `version`.
// kConflict naming the version when no row matched: someone else changed the record first.
Status RunVersionedUpdate(Connection& db, Statement& st, std::string_view entity, int64_t id, int64_t version,
                          std::string message_zh) {
  ANJU_CHECK(st.Run());
  if (db.Changes() == 0)
    return Conflict(fmt::format("{} {} was changed by someone else (stale version {})", entity, id, version), "version",
                    std::to_string(version), std::move(message_zh));
  return {};
}
}  // namespace

Result<int64_t> SqliteRegistryRepository::InsertHousehold(const Household& h) {
  auto st = db_.Prepare("INSERT INTO households(household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, "
                        "move_in_date, convention_signed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  if (!st) return std::unexpected(st.error());
  BindHousehold(*st, h);
  return st->RunReturningId();
}

Status SqliteRegistryRepository::UpdateHousehold(const Household& h) {
  auto st = db_.Prepare("UPDATE households SET household_no = ?1, category = ?2, origin_village_id = ?3, site_id = ?4, "
                        "housing_unit_id = ?5, grid_id = ?6, move_in_date = ?7, convention_signed = ?8, version = version + 1, "
                        "updated_at = ?11 WHERE id = ?9 AND version = ?10");
  if (!st) return std::unexpected(st.error());
  BindHousehold(*st, h);
  st->Bind(9, h.id).Bind(10, h.version).Bind(11, UtcTimestampNow());
  return RunVersionedUpdate(db_, *st, "household", h.id, h.version, "该户已被他人修改，请刷新后重试");
}

Status SqliteRegistryRepository::DeleteHousehold(int64_t id) {
  auto st = db_.Prepare("DELETE FROM households WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, id);
  return st->Run();
}

Result<int64_t> SqliteRegistryRepository::InsertPerson(const Person& p) {
  auto st = db_.Prepare("INSERT INTO persons(household_id, resident_id, name, name_initials, sex, birth_date, relationship, ethnicity, "
                        "phone, education, health, disability_grade, able_to_work, wants_work, employment_kind, employer) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id");
  if (!st) return std::unexpected(st.error());
  BindPerson(*st, p);
  return st->RunReturningId();
}

Status SqliteRegistryRepository::UpdatePerson(const Person& p) {
  auto st = db_.Prepare("UPDATE persons SET household_id = ?1, resident_id = ?2, name = ?3, name_initials = ?4, sex = ?5, "
                        "birth_date = ?6, relationship = ?7, ethnicity = ?8, phone = ?9, education = ?10, health = ?11, "
                        "disability_grade = ?12, able_to_work = ?13, wants_work = ?14, employment_kind = ?15, employer = ?16, "
                        "version = version + 1, updated_at = ?19 WHERE id = ?17 AND version = ?18");
  if (!st) return std::unexpected(st.error());
  BindPerson(*st, p);
  st->Bind(17, p.id).Bind(18, p.version).Bind(19, UtcTimestampNow());
  return RunVersionedUpdate(db_, *st, "person", p.id, p.version, "该人员已被他人修改，请刷新后重试");
}

Status SqliteRegistryRepository::DeletePerson(int64_t id) {
  auto st = db_.Prepare("DELETE FROM persons WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, id);
  return st->Run();
}

namespace {
std::atomic<registry::EmploymentRecorder> g_employment_recorder{nullptr};
std::atomic<registry::PersonVoider> g_person_voider{nullptr};
}  // namespace

Status SqliteRegistryRepository::VoidRecordsOfPerson(const Actor& actor, int64_t person_id, const std::string& reason,
                                                     Date today) {
  registry::PersonVoider voider = g_person_voider.load();
  if (!voider) return {};
  return voider(db_, actor, person_id, reason, today);
}

Status SqliteRegistryRepository::RecordEmployment(const Actor& actor, int64_t person_id, registry::EmploymentKind kind,
                                                  const std::string& employer) {
  return registry::RecordEmployment(db_, actor, person_id, kind, employer, TodayInChina());
}

Status SqliteRegistryRepository::AppendAudit(const Actor& actor, const AuditEntry& entry) {
  return storage::AppendAudit(db_, actor, entry);
}

}  // namespace anju::storage

namespace anju::registry {
void SetEmploymentRecorder(EmploymentRecorder recorder) { storage::g_employment_recorder.store(recorder); }

Status RecordEmployment(storage::Connection& db, const Actor& actor, int64_t person_id, EmploymentKind kind,
                        const std::string& employer, Date today) {
  EmploymentRecorder rec = storage::g_employment_recorder.load();
  const std::string_view name = EmploymentKindName(kind);
  if (!rec)
    return InvalidArgument(
        fmt::format("employment_kind '{}' cannot be recorded here: jobs are kept by the industry module, which is "
                    "not installed; leave employment_kind out",
                    name),
        "employment_kind", std::string(name), "就业情况由产业就业模块按就业记录维护，该模块未安装：请不要填写就业情况");
  return rec(db, actor, person_id, name, employer, today);
}
void SetPersonVoider(PersonVoider voider) { storage::g_person_voider.store(voider); }
}  // namespace anju::registry
