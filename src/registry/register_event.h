// Register events (户籍与家庭变动, issue #14): the kinds of change the living register records,
// and the event record every change writes beside its audit entry (table register_events,
// migration registry/0002_living_register.sql; the model: docs/living-register.md).
//
// An event says what happened on which day (event_date, a civil date), to whom (person_id, or
// none for a household's event), in which household (household_id; for a move or a split also
// other_household_id), where to or from (place, as the clerk wrote it), why (reason: the cause
// or the document, e.g. 死亡医学证明), and its particulars (details: JSON written by the service,
// e.g. the relationships re-stated against a new head). Events are never deleted: one entered in
// error is voided (voided_on, void_reason, voided_by).
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace anju::registry {

/// What happened. The stored identifiers are the names of RegisterEventKindName.
enum class RegisterEventKind {
  kBirth,            // birth:            出生 (a new member; resident id may be pending)
  kDeath,            // death:            死亡 (membership ends on the day)
  kMovedAway,        // moved_away:       迁出 (place = where to)
  kMarriedOut,       // married_out:      婚出 (嫁出 / 入赘到外户)
  kMarriedIn,        // married_in:       婚入 (a new member by marriage)
  kMovedIn,          // moved_in:         迁入 (a new member from elsewhere; place = where from)
  kReturned,         // returned:         返回 (a person who had left becomes a member again)
  kMovedBetween,     // moved_between:    户间迁移 (household_id = from, other_household_id = to)
  kIdCompleted,      // id_completed:     补录身份证号 (a pending id filled in)
  kHeadChanged,      // head_changed:     变更户主
  kSplit,            // split:            分户 (other_household_id = the new household)
  kMerged,           // merged:           合户 (household_id = ended, other_household_id = kept)
  kPlacementChanged, // placement_changed: 变更安置点、住房、网格或迁出村
  kEnteredInError,   // entered_in_error: 录入错误 (a record voided as never valid)
  kHouseholdAdded,   // household_added:  新增户 (registered after the first roster)
  kMemberAdded,      // member_added:     补录成员 (a member missing from the first registration)
};

/// All kinds in the order above.
inline constexpr RegisterEventKind kAllRegisterEventKinds[] = {
    RegisterEventKind::kBirth,        RegisterEventKind::kDeath,
    RegisterEventKind::kMovedAway,    RegisterEventKind::kMarriedOut,
    RegisterEventKind::kMarriedIn,    RegisterEventKind::kMovedIn,
    RegisterEventKind::kReturned,     RegisterEventKind::kMovedBetween,
    RegisterEventKind::kIdCompleted,  RegisterEventKind::kHeadChanged,
    RegisterEventKind::kSplit,        RegisterEventKind::kMerged,
    RegisterEventKind::kPlacementChanged, RegisterEventKind::kEnteredInError,
    RegisterEventKind::kHouseholdAdded, RegisterEventKind::kMemberAdded};

/// "birth", "death", … (the stored identifiers, register_events.kind).
std::string_view RegisterEventKindName(RegisterEventKind k);
/// 出生, 死亡, 迁出, 婚出, 婚入, 迁入, 返回, 户间迁移, 补录身份证号, 变更户主, 分户, 合户, 变更安置,
/// 录入错误, 新增户, 补录成员.
std::string_view RegisterEventKindNameZh(RegisterEventKind k);
/// Accepts the identifier or the Chinese name above, also 出生登记, 去世/死亡注销, 迁出/外迁,
/// 嫁出/婚嫁迁出, 嫁入/娶入/婚迁入, 迁入/投靠, 回迁/返乡. White space around it ignored.
/// Errors: kInvalidArgument, field "kind", listing the accepted Chinese names.
Result<RegisterEventKind> ParseRegisterEventKind(std::string_view text);

/// Whether the kind ends the person's membership of the household (death, moved_away,
/// married_out, entered_in_error) — the person is no longer counted from event_date on.
bool EndsMembership(RegisterEventKind k);
/// Whether the kind adds a person to a household (birth, married_in, moved_in, returned,
/// member_added).
bool StartsMembership(RegisterEventKind k);

/// One row of register_events.
struct RegisterEvent {
  int64_t id = 0;
  RegisterEventKind kind = RegisterEventKind::kMemberAdded;
  Date event_date{};                          // the day it happened (civil date)
  int64_t household_id = 0;                   // the household it happened in (from, for moves)
  std::optional<int64_t> person_id;           // none for a household's event
  std::optional<int64_t> other_household_id;  // to (move), the new one (split), kept (merge)
  std::string place;                          // where to / from ("" none)
  std::string reason;                         // why, or the document ("" none)
  std::string details = "{}";                 // JSON particulars written by the service
  std::string recorded_by;                    // user name, or "import", "demo", "system"
  std::string recorded_at;                    // UTC timestamp, filled by the storage
  std::optional<Date> voided_on;              // set when voided as entered in error
  std::string void_reason;
  std::string voided_by;
  // Filled by reads (joined), ignored by writes:
  std::string household_no;                   // of household_id
  std::string other_household_no;             // of other_household_id ("" none)
  std::string person_name;                    // of person_id ("" none)
};

}  // namespace anju::registry
