// Assigned cadres (帮扶责任人, issue #15 item 1, docs/casework.md "cadres"): the people a county
// makes responsible for relocated households, and who was responsible for which household when.
//
// Rules (src/cadres/README.md, with sources):
//   * a household has at most one current cadre; periods are half-open [from, until) and never
//     overlap: a reassignment ends the old assignment on the day the new one starts;
//   * dates are not in the future and not before the household's move-in (or, for a household
//     formed by a split, its formed_on); only a current household (not ended) is assigned;
//   * nothing is deleted: a cadre ends (ended_on, end_reason), an assignment ends (until_date,
//     ended_reason); every write has its audit entry in the same transaction.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"

namespace anju::cadres {

/// A cadre record (table cadres).
struct Cadre {
  int64_t id = 0;
  std::string name;           // 1–64 characters
  std::string unit;           // 工作单位, e.g. 临县农业农村局
  std::string title;          // 职务, e.g. 科员
  std::string phone;          // digits only, 7–12, or empty
  std::string township_code;  // 9 digits, or empty
  std::string note;
  std::string created_at;     // ISO-8601 UTC
  std::optional<Date> ended_on;
  std::string end_reason;
  int64_t version = 1;
};

/// A cadre with the count of its current households in the reader's scope (the list).
struct CadreListRow {
  Cadre cadre;
  int64_t households_now = 0;
};

/// One assignment (table cadre_assignments) with what a list shows of the two sides.
struct Assignment {
  int64_t id = 0;
  int64_t household_id = 0;
  int64_t cadre_id = 0;
  Date from{};
  std::optional<Date> until;   // nullopt: current
  std::string reason;
  std::string ended_reason;
  std::string recorded_by;
  std::string recorded_at;
  // Read-only context for lists:
  std::string household_no;
  std::string head_name;
  std::string site_name;
  std::string cadre_name;
  std::string cadre_unit;
  std::string cadre_phone;
};

/// The household's side (GET /api/v1/households/{id}/cadres).
struct HouseholdCadres {
  std::optional<Assignment> current;
  std::vector<Assignment> history;  // ended assignments, newest first
};

/// A cadre with its households now and before (GET /api/v1/cadres/{id}).
struct CadreDetail {
  Cadre cadre;
  std::vector<Assignment> current;  // in the reader's scope
  std::vector<Assignment> former;   // in the reader's scope, newest first
};

/// Fields of a new cadre, or of a change (absent: unchanged).
struct CadreInput {
  std::optional<std::string> name, unit, title, phone, township_code, note;
  std::optional<Date> ended_on;          // PATCH only: the cadre leaves (with end_reason)
  std::optional<std::string> end_reason;
};

/// List filter: `q` matches name, unit or phone (substring); `unit` the unit (substring);
/// ended cadres only when include_ended.
struct CadreFilter {
  std::string q;
  std::string unit;
  bool include_ended = false;
};

/// What the rules need of a household.
struct HouseholdFacts {
  int64_t id = 0;
  std::string household_no;
  Place place;
  Date start{};                 // move_in_date, or formed_on when later (a split)
  std::optional<Date> ended_on;
};

/// Digits of a phone as typed ("138 1234 5678", "+86-138…"): spaces, dashes, dots and a
/// leading +86/0086 removed. nullopt when other characters remain or the length is not 7–12.
std::optional<std::string> CleanPhoneText(std::string_view text);

}  // namespace anju::cadres
