#include "registry/storage/sqlite_life_event_repository.h"

#include <fmt/format.h>

#include "core/try.h"
#include "registry/storage/sqlite_register_events.h"

namespace anju::storage {

using registry::Membership;
using registry::RegisterEvent;

namespace {

std::optional<Date> OptDate(const Statement& st, int c) {
  if (st.ColumnIsNull(c)) return std::nullopt;
  auto d = ParseIsoDate(st.ColumnText(c));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

std::optional<std::string> OptIso(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(FormatIsoDate(*d)) : std::nullopt;
}

// Runs an UPDATE of one row; kNotFound naming `entity` when no row matched.
Status RunOne(Connection& db, Statement& st, std::string_view entity, int64_t id) {
  ANJU_CHECK(st.Run());
  if (db.Changes() == 0)
    return NotFound(fmt::format("no {} with id {}", entity, id), "id", std::to_string(id));
  return {};
}

// Memberships: columns person_id, name, household_id, household_no, relationship, from,
// until, end_event_id, end kind, end reason, latest.
constexpr std::string_view kMembershipSelect =
    "SELECT m.person_id, p.name, m.household_id, h.household_no, m.relationship, m.start_date, m.end_date, "
    "m.end_event_id, e.kind, coalesce(e.reason, ''), m.latest FROM ("
    "  SELECT p2.id AS person_id, p2.household_id, p2.relationship, p2.member_from AS start_date, "
    "         p2.member_until AS end_date, p2.left_event_id AS end_event_id, 1 AS latest, 0 AS seq "
    "  FROM persons p2 "
    "  UNION ALL "
    "  SELECT mh.person_id, mh.household_id, mh.relationship, mh.start_date, mh.end_date, mh.end_event_id, 0, mh.id "
    "  FROM membership_history mh) m "
    "JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = m.household_id "
    "LEFT JOIN register_events e ON e.id = m.end_event_id ";

Result<std::vector<Membership>> ReadMemberships(Connection& db, std::string_view where_order, int64_t id) {
  ANJU_TRY(st, db.Prepare(fmt::format("{}{}", kMembershipSelect, where_order)));
  st.Bind(1, id);
  std::vector<Membership> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    Membership m;
    m.person_id = st.ColumnInt(0);
    m.name = st.ColumnText(1);
    m.household_id = st.ColumnInt(2);
    m.household_no = st.ColumnText(3);
    if (auto r = registry::ParseRelationship(st.ColumnText(4))) m.relationship = *r;
    m.from = OptDate(st, 5);
    m.until = OptDate(st, 6);
    m.end_event_id = st.ColumnOptionalInt(7);
    if (!st.ColumnIsNull(8))
      if (auto k = registry::ParseRegisterEventKind(st.ColumnText(8))) m.end_kind = *k;
    m.end_reason = st.ColumnText(9);
    m.latest = st.ColumnInt(10) != 0;
    out.push_back(std::move(m));
  }
  st.Reset();
  return out;
}

}  // namespace

Result<int64_t> SqliteLifeEventRepository::InsertEvent(const RegisterEvent& e) { return InsertRegisterEvent(db_, e); }

Result<std::optional<RegisterEvent>> SqliteLifeEventRepository::FindEvent(int64_t id) {
  ANJU_TRY(st, db_.Prepare("SELECT person_id, household_id FROM register_events WHERE id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<RegisterEvent>();
  const auto person = st.ColumnOptionalInt(0);
  const int64_t household = st.ColumnInt(1);
  st.Reset();
  ANJU_TRY(events, person ? PersonEvents(*person) : HouseholdEvents(household));
  for (auto& e : events)
    if (e.id == id) return std::optional<RegisterEvent>(std::move(e));
  return std::optional<RegisterEvent>();
}

Result<std::optional<RegisterEvent>> SqliteLifeEventRepository::LatestPersonEvent(int64_t person_id) {
  ANJU_TRY(events, PersonEvents(person_id));
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (!it->voided_on) return std::optional<RegisterEvent>(std::move(*it));
  return std::optional<RegisterEvent>();
}

Result<std::optional<RegisterEvent>> SqliteLifeEventRepository::LatestHouseholdEvent(int64_t household_id) {
  ANJU_TRY(events, HouseholdEvents(household_id));
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (!it->voided_on) return std::optional<RegisterEvent>(std::move(*it));
  return std::optional<RegisterEvent>();
}

Result<std::vector<RegisterEvent>> SqliteLifeEventRepository::HouseholdEvents(int64_t household_id) {
  return storage::HouseholdEvents(db_, household_id);
}

Result<std::vector<RegisterEvent>> SqliteLifeEventRepository::PersonEvents(int64_t person_id) {
  return storage::PersonEvents(db_, person_id);
}

Status SqliteLifeEventRepository::VoidEvent(int64_t id, Date on, const std::string& by, const std::string& reason) {
  return VoidRegisterEvent(db_, id, on, by, reason);
}

Result<registry::MembershipPeriod> SqliteLifeEventRepository::PeriodOf(int64_t person_id) {
  ANJU_TRY(st, db_.Prepare("SELECT member_from, member_until, left_event_id FROM persons WHERE id = ?1"));
  st.Bind(1, person_id);
  ANJU_TRY(row, st.Step());
  if (!row) return NotFound(fmt::format("no person with id {}", person_id), "id", std::to_string(person_id));
  registry::MembershipPeriod p{OptDate(st, 0), OptDate(st, 1), st.ColumnOptionalInt(2)};
  st.Reset();
  return p;
}

Status SqliteLifeEventRepository::SetPeriod(int64_t person_id, const registry::MembershipPeriod& p) {
  ANJU_TRY(st, db_.Prepare("UPDATE persons SET member_from = ?2, member_until = ?3, left_event_id = ?4, "
                           "version = version + 1, updated_at = ?5 WHERE id = ?1"));
  st.Bind(1, person_id).Bind(2, OptIso(p.from)).Bind(3, OptIso(p.until)).Bind(4, p.left_event_id).Bind(5, UtcTimestampNow());
  return RunOne(db_, st, "person", person_id);
}

Status SqliteLifeEventRepository::StartMembership(int64_t person_id, Date from) {
  ANJU_TRY(st, db_.Prepare("UPDATE persons SET member_from = ?2 WHERE id = ?1"));
  st.Bind(1, person_id).Bind(2, FormatIsoDate(from));
  return RunOne(db_, st, "person", person_id);
}

Status SqliteLifeEventRepository::SetHousehold(int64_t person_id, int64_t household_id,
                                               registry::Relationship relationship) {
  ANJU_TRY(st, db_.Prepare("UPDATE persons SET household_id = ?2, relationship = ?3, version = version + 1, "
                           "updated_at = ?4 WHERE id = ?1"));
  st.Bind(1, person_id).Bind(2, household_id).Bind(3, registry::RelationshipName(relationship)).Bind(4, UtcTimestampNow());
  return RunOne(db_, st, "person", person_id);
}

Status SqliteLifeEventRepository::SetResidentId(int64_t person_id, const std::string& resident_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE persons SET resident_id = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1"));
  st.Bind(1, person_id).Bind(2, resident_id).Bind(3, UtcTimestampNow());
  return RunOne(db_, st, "person", person_id);
}

Result<int64_t> SqliteLifeEventRepository::ArchiveMembership(int64_t person_id, int64_t household_id,
                                                             registry::Relationship relationship,
                                                             std::optional<Date> start, Date end,
                                                             std::optional<int64_t> end_event_id) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO membership_history (person_id, household_id, relationship, start_date, "
                           "end_date, end_event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"));
  st.Bind(1, person_id).Bind(2, household_id).Bind(3, registry::RelationshipName(relationship)).Bind(4, OptIso(start))
      .Bind(5, FormatIsoDate(end)).Bind(6, end_event_id);
  auto id = st.RunReturningId();
  st.Reset();
  return id;
}

Result<std::optional<Membership>> SqliteLifeEventRepository::LatestArchivedMembership(int64_t person_id) {
  ANJU_TRY(all, ReadMemberships(db_, "WHERE m.person_id = ?1 AND m.latest = 0 ORDER BY m.seq DESC", person_id));
  if (all.empty()) return std::optional<Membership>();
  return std::optional<Membership>(std::move(all.front()));
}

Status SqliteLifeEventRepository::UnarchiveLatestMembership(int64_t person_id) {
  ANJU_TRY(st, db_.Prepare("DELETE FROM membership_history WHERE id = "
                           "(SELECT max(id) FROM membership_history WHERE person_id = ?1)"));
  st.Bind(1, person_id);
  return RunOne(db_, st, "membership_history of person", person_id);
}

Result<std::vector<Membership>> SqliteLifeEventRepository::MembershipsOfHousehold(int64_t household_id) {
  return ReadMemberships(db_,
                         "WHERE m.household_id = ?1 ORDER BY m.start_date IS NOT NULL, m.start_date, m.person_id, "
                         "m.latest, m.seq",
                         household_id);
}

Result<std::vector<Membership>> SqliteLifeEventRepository::MembershipsOfPerson(int64_t person_id) {
  return ReadMemberships(db_, "WHERE m.person_id = ?1 ORDER BY m.latest, m.seq", person_id);
}

Result<std::vector<registry::FormerMember>> SqliteLifeEventRepository::FormerMembers(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare(
                   // Who left by an event of their own (the persons row ended here), and who left
                   // to another household (a move, split or merge: membership_history rows of
                   // this household; place = the household they went to).
                   "SELECT p.id, p.resident_id, p.name, p.sex, p.birth_date, p.relationship, p.member_until AS until, "
                   "e.kind, coalesce(e.reason, ''), coalesce(e.place, ''), p.version "
                   "FROM persons p LEFT JOIN register_events e ON e.id = p.left_event_id "
                   "WHERE p.household_id = ?1 AND p.member_until IS NOT NULL "
                   "UNION ALL "
                   "SELECT p.id, p.resident_id, p.name, p.sex, p.birth_date, m.relationship, m.end_date, "
                   "e.kind, coalesce(e.reason, ''), "
                   "coalesce(nullif(e.place, ''), o.household_no, h2.household_no, ''), p.version "
                   "FROM membership_history m JOIN persons p ON p.id = m.person_id "
                   "LEFT JOIN register_events e ON e.id = m.end_event_id "
                   "LEFT JOIN households o ON o.id = e.other_household_id AND e.other_household_id <> ?1 "
                   "LEFT JOIN households h2 ON h2.id = e.household_id AND e.household_id <> ?1 "
                   "WHERE m.household_id = ?1 ORDER BY 7, 1"));
  st.Bind(1, household_id);
  std::vector<registry::FormerMember> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    registry::FormerMember f;
    f.person.id = st.ColumnInt(0);
    f.person.household_id = household_id;
    f.person.resident_id = st.ColumnText(1);
    f.person.name = st.ColumnText(2);
    f.person.sex = st.ColumnText(3) == "female" ? Sex::kFemale : Sex::kMale;
    if (auto d = ParseIsoDate(st.ColumnText(4))) f.person.birth_date = *d;
    if (auto r = registry::ParseRelationship(st.ColumnText(5))) f.person.relationship = *r;
    if (auto d = OptDate(st, 6)) f.until = *d;
    if (!st.ColumnIsNull(7))
      if (auto k = registry::ParseRegisterEventKind(st.ColumnText(7))) f.kind = *k;
    f.reason = st.ColumnText(8);
    f.place = st.ColumnText(9);
    f.person.version = st.ColumnInt(10);
    out.push_back(std::move(f));
  }
  st.Reset();
  return out;
}

Result<registry::HouseholdPeriod> SqliteLifeEventRepository::HouseholdPeriodOf(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare("SELECT coalesce(formed_on, move_in_date), ended_on, end_event_id FROM households WHERE id = ?1"));
  st.Bind(1, household_id);
  ANJU_TRY(row, st.Step());
  if (!row) return NotFound(fmt::format("no household with id {}", household_id), "id", std::to_string(household_id));
  registry::HouseholdPeriod p;
  if (auto d = ParseIsoDate(st.ColumnText(0))) p.start = *d;
  p.ended_on = OptDate(st, 1);
  p.end_event_id = st.ColumnOptionalInt(2);
  st.Reset();
  return p;
}

Status SqliteLifeEventRepository::SetHouseholdEnd(int64_t household_id, std::optional<Date> ended_on,
                                                  std::optional<int64_t> end_event_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE households SET ended_on = ?2, end_event_id = ?3, version = version + 1, "
                           "updated_at = ?4 WHERE id = ?1"));
  st.Bind(1, household_id).Bind(2, OptIso(ended_on)).Bind(3, end_event_id).Bind(4, UtcTimestampNow());
  return RunOne(db_, st, "household", household_id);
}

Status SqliteLifeEventRepository::TouchHousehold(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE households SET version = version + 1, updated_at = ?2 WHERE id = ?1"));
  st.Bind(1, household_id).Bind(2, UtcTimestampNow());
  return RunOne(db_, st, "household", household_id);
}

}  // namespace anju::storage
