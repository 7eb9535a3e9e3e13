#include "registry/storage/sqlite_register_events.h"

#include <chrono>
#include <string>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/try.h"

namespace anju::storage {

using registry::RegisterEvent;

namespace {

std::string NowUtc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

constexpr std::string_view kSelect =
    "SELECT e.id, e.kind, e.event_date, e.household_id, e.person_id, e.other_household_id, "
    "e.place, e.reason, e.details, e.recorded_by, e.recorded_at, e.voided_on, "
    "coalesce(e.void_reason, ''), coalesce(e.voided_by, ''), h.household_no, "
    "coalesce(o.household_no, ''), coalesce(p.name, '') "
    "FROM register_events e JOIN households h ON h.id = e.household_id "
    "LEFT JOIN households o ON o.id = e.other_household_id "
    "LEFT JOIN persons p ON p.id = e.person_id ";

Result<std::vector<RegisterEvent>> Read(Connection& db, std::string_view where, int64_t id) {
  ANJU_TRY(st, db.Prepare(fmt::format("{}{} ORDER BY e.event_date, e.id", kSelect, where)));
  st.Bind(1, id);
  std::vector<RegisterEvent> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    RegisterEvent e;
    e.id = st.ColumnInt(0);
    ANJU_TRY(kind, registry::ParseRegisterEventKind(st.ColumnText(1)));
    e.kind = kind;
    ANJU_TRY(date, ParseIsoDate(st.ColumnText(2)));
    e.event_date = date;
    e.household_id = st.ColumnInt(3);
    e.person_id = st.ColumnOptionalInt(4);
    e.other_household_id = st.ColumnOptionalInt(5);
    e.place = st.ColumnText(6);
    e.reason = st.ColumnText(7);
    e.details = st.ColumnText(8);
    e.recorded_by = st.ColumnText(9);
    e.recorded_at = st.ColumnText(10);
    if (auto v = st.ColumnOptionalText(11)) {
      ANJU_TRY(voided, ParseIsoDate(*v));
      e.voided_on = voided;
    }
    e.void_reason = st.ColumnText(12);
    e.voided_by = st.ColumnText(13);
    e.household_no = st.ColumnText(14);
    e.other_household_no = st.ColumnText(15);
    e.person_name = st.ColumnText(16);
    out.push_back(std::move(e));
  }
  st.Reset();
  return out;
}

}  // namespace

Result<int64_t> InsertRegisterEvent(Connection& db, const RegisterEvent& e) {
  if (e.recorded_by.empty())
    return InvalidArgument("a register event needs who recorded it", "recorded_by", "");
  ANJU_TRY(st, db.Prepare(
                   "INSERT INTO register_events (kind, event_date, household_id, person_id, "
                   "other_household_id, place, reason, details, recorded_by, recorded_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id"));
  st.Bind(1, registry::RegisterEventKindName(e.kind))
      .Bind(2, FormatIsoDate(e.event_date))
      .Bind(3, e.household_id)
      .Bind(4, e.person_id)
      .Bind(5, e.other_household_id)
      .Bind(6, e.place)
      .Bind(7, e.reason)
      .Bind(8, e.details.empty() ? std::string("{}") : e.details)
      .Bind(9, e.recorded_by)
      .Bind(10, NowUtc());
  auto id = st.RunReturningId();
  st.Reset();
  return id;
}

Result<std::vector<RegisterEvent>> HouseholdEvents(Connection& db, int64_t household_id) {
  return Read(db, "WHERE e.household_id = ?1 OR e.other_household_id = ?1", household_id);
}

Result<std::vector<RegisterEvent>> PersonEvents(Connection& db, int64_t person_id) {
  return Read(db, "WHERE e.person_id = ?1", person_id);
}

Status VoidRegisterEvent(Connection& db, int64_t id, Date on, std::string_view by,
                         std::string_view reason) {
  ANJU_TRY(st, db.Prepare("SELECT voided_on IS NOT NULL FROM register_events WHERE id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) {
    st.Reset();
    return NotFound(fmt::format("register event {} does not exist", id), "event_id", std::to_string(id));
  }
  const bool voided = st.ColumnInt(0) != 0;
  st.Reset();
  if (voided)
    return Conflict(fmt::format("register event {} is voided already", id), "event_id", std::to_string(id));
  ANJU_TRY(up, db.Prepare("UPDATE register_events SET voided_on = ?2, voided_by = ?3, void_reason = ?4 "
                          "WHERE id = ?1"));
  up.Bind(1, id).Bind(2, FormatIsoDate(on)).Bind(3, by).Bind(4, reason);
  auto r = up.Run();
  up.Reset();
  return r;
}

}  // namespace anju::storage
