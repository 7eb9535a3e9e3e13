#include "registry/storage/sqlite_household_change_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/try.h"
#include "registry/storage/sqlite_register_events.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::storage {

using registry::CurrentMember;
using registry::HouseholdLife;
using registry::Relationship;

namespace {

std::optional<std::string> IsoOrNull(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return FormatIsoDate(*d);
}

Result<std::optional<Date>> OptDate(const Statement& st, int col) {
  auto t = st.ColumnOptionalText(col);
  if (!t) return std::optional<Date>();
  ANJU_TRY(d, ParseIsoDate(*t));
  return std::optional<Date>(d);
}

// Runs an UPDATE of one row; kNotFound naming `entity` when no row matched.
Status RunOne(Connection& db, Statement& st, std::string_view entity, int64_t id) {
  ANJU_CHECK(st.Run());
  if (db.Changes() == 0)
    return NotFound(fmt::format("no {} with id {}", entity, id), "id", std::to_string(id),
                    entity == "household" ? "找不到该搬迁户" : "找不到该人员");
  return {};
}

}  // namespace

Result<std::vector<CurrentMember>> SqliteHouseholdChangeRepository::CurrentMembers(int64_t household_id) {
  // The person columns are SqliteRegistryRepository's (one reader of a persons row); the period
  // is read here and joined by id.
  SqliteRegistryRepository registry(db_);
  ANJU_TRY(all, registry.PersonsOfHousehold(household_id));
  ANJU_TRY(st, db_.Prepare("SELECT id, member_from FROM persons WHERE household_id = ?1 AND member_until IS NULL"));
  st.Bind(1, household_id);
  std::map<int64_t, std::optional<Date>> current;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(from, OptDate(st, 1));
    current[st.ColumnInt(0)] = from;
  }
  std::vector<CurrentMember> out;
  for (auto& p : all) {
    auto it = current.find(p.id);
    if (it == current.end()) continue;
    out.push_back(CurrentMember{std::move(p), it->second});
  }
  std::stable_sort(out.begin(), out.end(), [](const CurrentMember& a, const CurrentMember& b) {
    return a.person.relationship == Relationship::kHead && b.person.relationship != Relationship::kHead;
  });
  return out;
}

Result<std::pair<std::optional<Date>, std::optional<Date>>> SqliteHouseholdChangeRepository::MembershipPeriod(
    int64_t person_id) {
  ANJU_TRY(st, db_.Prepare("SELECT member_from, member_until FROM persons WHERE id = ?1"));
  st.Bind(1, person_id);
  ANJU_TRY(row, st.Step());
  std::pair<std::optional<Date>, std::optional<Date>> out;
  if (!row) return out;
  ANJU_TRY(from, OptDate(st, 0));
  ANJU_TRY(until, OptDate(st, 1));
  out.first = from;
  out.second = until;
  return out;
}

Result<HouseholdLife> SqliteHouseholdChangeRepository::LifeOf(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare("SELECT formed_on, ended_on, split_from_id, merged_into_id FROM households WHERE id = ?1"));
  st.Bind(1, household_id);
  ANJU_TRY(row, st.Step());
  if (!row)
    return NotFound(fmt::format("no household with id {}", household_id), "id", std::to_string(household_id),
                    "找不到该搬迁户");
  HouseholdLife life;
  ANJU_TRY(formed, OptDate(st, 0));
  ANJU_TRY(ended, OptDate(st, 1));
  life.formed_on = formed;
  life.ended_on = ended;
  life.split_from_id = st.ColumnOptionalInt(2);
  life.merged_into_id = st.ColumnOptionalInt(3);
  return life;
}

Result<std::optional<Date>> SqliteHouseholdChangeRepository::LastPlacementChange(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare("SELECT max(end_date) FROM placement_history WHERE household_id = ?1"));
  st.Bind(1, household_id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Date>();
  return OptDate(st, 0);
}

Result<std::string> SqliteHouseholdChangeRepository::NextHouseholdNo(const std::string& like) {
  size_t digits_at = like.size();
  while (digits_at > 0 && like[digits_at - 1] >= '0' && like[digits_at - 1] <= '9') --digits_at;
  const size_t width = like.size() - digits_at;
  if (width == 0 || width > 18)
    return InvalidArgument(fmt::format("household number {} does not end in digits; give the new household's number", like),
                           "household_no", like, "无法从原户编号推算新户编号，请填写新户编号");
  const std::string prefix = like.substr(0, digits_at);
  // Numbers of the same prefix and width; the largest is found here (a LIKE pattern would need
  // escaping of '_' and '%' in the prefix; substr compares exactly).
  ANJU_TRY(st, db_.Prepare("SELECT household_no FROM households WHERE substr(household_no, 1, ?1) = ?2 "
                           "AND length(household_no) = ?3"));
  st.Bind(1, static_cast<int64_t>(prefix.size())).Bind(2, prefix).Bind(3, static_cast<int64_t>(like.size()));
  uint64_t max = 0;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    const std::string no = st.ColumnText(0);
    const std::string tail = no.substr(prefix.size());
    if (!std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    max = std::max<uint64_t>(max, std::stoull(tail));
  }
  return fmt::format("{}{:0{}}", prefix, max + 1, width);
}

Result<int64_t> SqliteHouseholdChangeRepository::InsertEvent(const registry::RegisterEvent& e) {
  return InsertRegisterEvent(db_, e);
}

Status SqliteHouseholdChangeRepository::InsertMembershipHistory(const registry::PastMembership& m) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO membership_history(person_id, household_id, relationship, start_date, end_date, "
                           "end_event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  st.Bind(1, m.person_id).Bind(2, m.household_id).Bind(3, registry::RelationshipName(m.relationship));
  st.Bind(4, IsoOrNull(m.start_date)).Bind(5, FormatIsoDate(m.end_date)).Bind(6, m.end_event_id);
  return st.Run();
}

Status SqliteHouseholdChangeRepository::InsertPlacementHistory(const registry::PastPlacement& p) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO placement_history(household_id, site_id, housing_unit_id, grid_id, "
                           "origin_village_id, start_date, end_date, end_event_id) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  st.Bind(1, p.household_id).Bind(2, p.site_id).Bind(3, p.housing_unit_id).Bind(4, p.grid_id);
  st.Bind(5, p.origin_village_id).Bind(6, IsoOrNull(p.start_date)).Bind(7, FormatIsoDate(p.end_date));
  st.Bind(8, p.end_event_id);
  return st.Run();
}

Status SqliteHouseholdChangeRepository::SetMembership(int64_t person_id, int64_t household_id,
                                                      Relationship relationship, std::optional<Date> member_from) {
  ANJU_TRY(st, db_.Prepare("UPDATE persons SET household_id = ?1, relationship = ?2, member_from = ?3, "
                           "version = version + 1, updated_at = ?4 WHERE id = ?5"));
  st.Bind(1, household_id).Bind(2, registry::RelationshipName(relationship)).Bind(3, IsoOrNull(member_from));
  st.Bind(4, UtcTimestampNow()).Bind(5, person_id);
  return RunOne(db_, st, "person", person_id);
}

Status SqliteHouseholdChangeRepository::SetRelationship(int64_t person_id, Relationship relationship) {
  ANJU_TRY(st, db_.Prepare("UPDATE persons SET relationship = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3"));
  st.Bind(1, registry::RelationshipName(relationship)).Bind(2, UtcTimestampNow()).Bind(3, person_id);
  return RunOne(db_, st, "person", person_id);
}

Status SqliteHouseholdChangeRepository::TouchHousehold(int64_t household_id, std::optional<int64_t> expected) {
  ANJU_TRY(st, db_.Prepare("UPDATE households SET version = version + 1, updated_at = ?1 "
                           "WHERE id = ?2 AND (?3 IS NULL OR version = ?3)"));
  st.Bind(1, UtcTimestampNow()).Bind(2, household_id).Bind(3, expected);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0)
    return Conflict(fmt::format("household {} was changed by someone else since it was read (version {} expected); "
                                "reload it and make the change again", household_id, expected.value_or(0)),
                    "version", std::to_string(expected.value_or(0)),
                    "该户在您打开后已被他人修改，请刷新页面后重新操作");
  return {};
}

Status SqliteHouseholdChangeRepository::EndHousehold(int64_t household_id, Date on, int64_t end_event_id,
                                                     std::optional<int64_t> merged_into_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE households SET ended_on = ?1, end_event_id = ?2, merged_into_id = ?3, "
                           "version = version + 1, updated_at = ?4 WHERE id = ?5"));
  st.Bind(1, FormatIsoDate(on)).Bind(2, end_event_id).Bind(3, merged_into_id).Bind(4, UtcTimestampNow());
  st.Bind(5, household_id);
  return RunOne(db_, st, "household", household_id);
}

Status SqliteHouseholdChangeRepository::SetFormed(int64_t household_id, Date on, int64_t from) {
  ANJU_TRY(st, db_.Prepare("UPDATE households SET formed_on = ?1, split_from_id = ?2 WHERE id = ?3"));
  st.Bind(1, FormatIsoDate(on)).Bind(2, from).Bind(3, household_id);
  return RunOne(db_, st, "household", household_id);
}

}  // namespace anju::storage
