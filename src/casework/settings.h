// Settings of local policy (issue #15, docs/casework.md "Settings"): values a county may change
// — working days per case state, escalation levels, how near a deadline is "near", attachment
// size and types — each declared here in code with its default, unit and source text; a county's
// override is a row of casework_settings (PUT /api/v1/settings/{key}, county_admin, audited).
// Each declaration has its source in English (`source`) and Chinese (`source_zh`); a case type's
// clock brings both (StateSpec::deadline_source, deadline_source_zh).
// Other modules read them through casework::Settings (load it with casework::LoadSettings in
// casework/storage/sqlite_settings.h).
//
// Declared keys:
//   deadline.<kind>.<state>   integer, working days, for every installed case type's state with
//                             a clock (default = StateSpec::deadline_working_days, its source)
//   escalation.levels         list, the holder levels a case climbs when overdue, lowest first
//                             (default "grid,site,township,county")
//   inbox.deadline_near_days  integer, working days before due_on that count as "near" (2)
//   attachments.max_bytes     integer, bytes, the largest file accepted (10 MiB)
//   attachments.types         list, MIME types accepted
//                             (image/jpeg,image/png,image/webp,application/pdf)
//
// Thread-safety: values; the declarations depend on the installed case types
// (casework::SetCaseTypes at start).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/case_type.h"
#include "core/error.h"

namespace anju::casework {

enum class SettingType { kInteger, kList };

/// One declared setting.
struct SettingSpec {
  std::string key;
  SettingType type = SettingType::kInteger;
  std::string default_value;  // canonical text: "10", "grid,site,township,county"
  std::string unit;           // "working_days", "bytes", "" …
  std::string source;         // where the default comes from, English
  std::string source_zh;      // the same in Chinese (the zh UI shows it)
  std::string label_zh, label_en;
  int64_t min = 0;            // kInteger: the accepted range
  int64_t max = 0;
  std::vector<std::string> allowed;  // kList: accepted items (empty: any non-empty item)
};

/// Hands the settings other modules declare (their descriptor's `settings`, e.g. industry's
/// labour age band) to DeclaredSettings; modules::Install calls it once at start, before other
/// threads. Keys must be unique and not collide with casework's own.
void SetModuleSettings(std::vector<SettingSpec> specs);

/// Every declared setting (casework's own, every case type's deadlines, the modules'), sorted by key (the case types' deadlines from AllCaseTypes()).
std::vector<SettingSpec> DeclaredSettings();
/// The declaration of `key`, or nullopt.
std::optional<SettingSpec> FindSetting(std::string_view key);
/// "deadline.<kind>.<state>".
std::string DeadlineKey(std::string_view kind, std::string_view state);

/// Checks `value` against the declaration of `key` and gives its canonical text (integers
/// without sign or leading zeros, list items trimmed and joined by ","). Errors:
/// kNotFound (field "key") for an undeclared key; kInvalidArgument (field "value", the value)
/// naming the expected type and range, en + zh.
Result<std::string> ValidateSetting(std::string_view key, std::string_view value);

/// A stored override (a casework_settings row).
struct SettingOverride {
  std::string value;
  std::string source;  // why the county changed it (its document), may be empty
  std::string set_by;  // username
  std::string set_at;  // ISO-8601 UTC
};

/// A setting as read: its declaration, its current value and the override if any.
struct SettingValue {
  SettingSpec spec;
  std::string value;
  std::optional<SettingOverride> override_;
};

/// The settings in force: declared defaults plus overrides. An override that no longer
/// validates (a declaration changed) is ignored and the default used.
class Settings {
 public:
  Settings() = default;
  explicit Settings(std::map<std::string, SettingOverride, std::less<>> overrides);

  /// The integer value of `key`. Errors: kInternal when `key` is not a declared integer.
  Result<int64_t> Integer(std::string_view key) const;
  /// The items of a list setting. Errors: kInternal when `key` is not a declared list.
  Result<std::vector<std::string>> List(std::string_view key) const;
  /// Working days of the clock of `state` of `kind` (0: no clock; unknown kind/state: 0).
  int DeadlineDays(std::string_view kind, std::string_view state) const;
  /// Every declared setting with its value.
  std::vector<SettingValue> All() const;

 private:
  std::optional<std::string> Value(std::string_view key) const;
  std::map<std::string, SettingOverride, std::less<>> overrides_;
};

}  // namespace anju::casework
