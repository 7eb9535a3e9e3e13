// Public-welfare posts (公益性岗位, issue #16 item 6, docs/industry.md "Posts"): the domain types
// and the assignment rules, without SQL. The storage (storage/sqlite_posts.h) gathers the facts
// of a proposed holding (AssignmentFacts) and asks CheckAssignment, which names every refusal
// (rule, field, value, fix; en + zh) and returns the warnings a holding may go ahead with.
//
// Rules (values are settings, settings_posts.cc; source programme-facts §2):
//   posts.one_per_person   a person holds at most one post at a time (no 双岗, Jilin 2025)
//   posts.per_household    at most N posts at a time per household (1; 一个家庭至多安排一人)
//   posts.age_min          refused under it on the contract's first day (18)
//   posts.age_max          a warning above it (65)
//   posts.age_block        refused at or above it (70; the national validator flags ≥ 70)
//   posts.outside_county   refused while the person has a 县外 job (place province/outside) in
//                          the contract period (national rule 5_01_003)
//   posts.publicity_days   the 公示 lasts at least N days and ends by the contract's start (7)
//   posts.quota            the site's quota of the kind on the contract's first day is not full
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/settings.h"
#include "core/date.h"
#include "core/error.h"

namespace anju::industry {

/// The rule values in force (settings posts.*).
struct PostRules {
  int64_t per_household = 1;
  int64_t age_min = 18;
  int64_t age_max = 65;
  int64_t age_block = 70;
  int64_t publicity_days = 7;
};

/// The rule values from the county's settings. Errors: kInternal when a key is not declared.
Result<PostRules> PostRulesFrom(const casework::Settings& s);

/// 岗位级别: 行业部门 / 乡镇 / 村级.
enum class PostLevel { kDepartment, kTownship, kVillage };
std::string_view PostLevelName(PostLevel l);            // "department", "township", "village"
std::string_view PostLevelLabelZh(PostLevel l);         // "行业部门", "乡镇", "村级"
/// Errors: kInvalidArgument naming field "level" and the value.
Result<PostLevel> ParsePostLevel(std::string_view text);

/// 月度考核: 优秀 / 合格 / 不合格.
enum class Assessment { kExcellent, kPass, kFail };
std::string_view AssessmentName(Assessment a);          // "excellent", "pass", "fail"
std::string_view AssessmentLabelZh(Assessment a);       // "优秀", "合格", "不合格"
/// Errors: kInvalidArgument naming field "assessment" and the value.
Result<Assessment> ParseAssessment(std::string_view text);

/// "YYYY-MM" (a real month, 1900–9999) → its first day. Errors: kInvalidArgument naming `field`.
Result<Date> ParseMonth(std::string_view text, std::string_view field = "month");
/// "YYYY-MM" of `d`.
std::string FormatMonth(Date d);

/// What the rules need to know about a proposed holding, gathered by the storage. "Overlap" is
/// with the holding's period [contract_from, contract_until).
struct AssignmentFacts {
  Date contract_from{}, contract_until{};
  Date publicity_from{}, publicity_until{};  // half-open: publicity_until is the first day after
  Date birth{};                              // the person's birth date
  std::vector<int64_t> own_holdings;         // ids of the person's other holdings that overlap
  int64_t household_holdings = 0;            // other members' holdings that overlap
  std::vector<int64_t> outside_county_jobs;  // ids of the person's 县外 jobs that overlap
  std::optional<int64_t> quota;              // the site's quota of the kind on contract_from (nullopt: none)
  int64_t quota_used = 0;                    // holdings of the kind at the site current on contract_from
  std::string kind_name;                     // for messages
};

/// A rule that let the holding through with a remark (shown to the user, kept in the audit).
struct PostWarning {
  std::string rule;  // "posts.age_max"
  std::string field, value, message, message_zh;
};

/// Checks a proposed holding against `rules`. Ok: the warnings (maybe none). Errors: every
/// refusal at once (AllFaults): kInvalidArgument for the person's or the dates' rules, kConflict
/// for a full quota or a post already held; each names the rule in its message, the field, the
/// value and the fix, en + zh.
Result<std::vector<PostWarning>> CheckAssignment(const AssignmentFacts& f, const PostRules& rules);

}  // namespace anju::industry
