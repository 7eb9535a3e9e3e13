// casework's SQL (docs/casework.md): the case repository, settings, calendar and inbox over a
// storage::Connection — the caller's, so another module opens a case, takes a transition or
// notifies users inside its own transaction.
//
//   MakeCaseService(db)       the engine over this connection (joins an open transaction)
//   LoadSettings / PutSetting casework_settings (declared in casework/settings.h)
//   LoadCalendar / …          calendar_days (casework/work_calendar.h)
//   NotifyUsers / NotifyScope notifications, then the installed Notifier
//
// Thread-safety: as Connection (one thread per connection).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casework/case_service.h"
#include "casework/inbox.h"
#include "casework/settings.h"
#include "casework/work_calendar.h"
#include "core/actor.h"
#include "storage/connection.h"

namespace anju::casework {

/// The case repository over `db` (not owned; must outlive it).
std::unique_ptr<CaseRepository> MakeCaseRepository(storage::Connection& db);
/// CaseService over `db`, today in China (or `today`).
CaseService MakeCaseService(storage::Connection& db, std::optional<Date> today = std::nullopt);

/// Whether a record (owner kind, id) has a live attachment: the attachments module's query,
/// installed by modules::Install() (casework comes before attachments in the module list).
using EvidenceQuery = Result<bool> (*)(storage::Connection& db, std::string_view owner_kind,
                                       int64_t owner_id);
/// Installs the query (once at start, before other threads). Without it the SQLite case
/// repository falls back to SetEvidenceCheck's hook (tests), else "no evidence".
void SetEvidenceQuery(EvidenceQuery query);

/// The Place of household `id` (origin township, site, site township, grid), or nullopt.
Result<std::optional<Place>> HouseholdPlace(storage::Connection& db, int64_t household_id);

// ---- settings -------------------------------------------------------------------------------

/// The settings in force (declared defaults + stored overrides).
Result<Settings> LoadSettings(storage::Connection& db);
/// Stores an override of `key` (validated: casework::ValidateSetting) with its source text, one
/// audit entry (action "setting.put", entity "setting", the key) in one transaction. Only
/// county_admin and system (else kPermissionDenied). Returns the setting as now in force.
Result<SettingValue> PutSetting(storage::Connection& db, const Actor& actor, std::string_view key,
                                std::string_view value, std::string_view source);

// ---- calendar -------------------------------------------------------------------------------

/// The calendar of every stored day.
Result<WorkCalendar> LoadCalendar(storage::Connection& db);
/// The stored days of `year`, by day.
Result<std::vector<CalendarDay>> CalendarYear(storage::Connection& db, int year);
/// Replaces the stored days of `year` by `days` (each must lie in `year`: kInvalidArgument
/// naming "days[i].day"), one audit entry, one transaction. county_admin and system only.
Status PutCalendarYear(storage::Connection& db, const Actor& actor, int year,
                       std::span<const CalendarDay> days);
/// Adds or replaces the given days (any years; `anju calendar import`), one audit entry.
Status UpsertCalendarDays(storage::Connection& db, const Actor& actor,
                          std::span<const CalendarDay> days);

// ---- inbox ----------------------------------------------------------------------------------

/// Writes `n` for each user (in the caller's transaction when one is open), then calls the
/// installed Notifier. Returns the new notification ids.
Result<std::vector<int64_t>> NotifyUsers(storage::Connection& db, std::span<const int64_t> user_ids,
                                         const NewNotification& n);
/// Active users whose own scope is at `level` and covers `place` (core ScopeCovers).
Result<std::vector<int64_t>> UsersCovering(storage::Connection& db, AccessScope::Level level,
                                           const Place& place);
/// NotifyUsers(UsersCovering(level, place)).
Result<std::vector<int64_t>> NotifyScope(storage::Connection& db, AccessScope::Level level,
                                         const Place& place, const NewNotification& n);
/// The user's notifications, newest first (unread only when asked).
Result<std::vector<Notification>> ListInbox(storage::Connection& db, int64_t user_id,
                                            bool unread_only, int limit, int64_t before_id = 0);
/// Marks one as read. kNotFound when it is not the user's.
Status MarkRead(storage::Connection& db, int64_t user_id, int64_t id);
/// Marks every unread one of the user as read; returns how many.
Result<int64_t> MarkAllRead(storage::Connection& db, int64_t user_id);
/// How many unread.
Result<int64_t> UnreadCount(storage::Connection& db, int64_t user_id);

}  // namespace anju::casework
