// The zero-employment follow-up's case type (industry/parts.h, industry/services.h).
#include "casework/case_type.h"
#include "industry/parts.h"
#include "industry/services.h"

namespace anju::industry {

namespace {
// programme-facts §1.3: 零就业家庭 are to be helped into work "dynamically" (动态清零); the
// national texts give no day count. 22 working days ≈ one month, unverified for 临县: a setting
// (deadline.zero_employment.open / .following_up).
constexpr std::string_view kClock =
    "programme-facts §1.3 dynamic clearing (no national day count; ≈ one month, unverified for Lin County: set "
    "deadline.zero_employment.<state>)";
constexpr std::string_view kClockZh =
    "项目资料第1.3节“动态清零”（国家无统一天数；约一个月，临县口径待核实；可在设置中调整"
    "零就业跟进时限）";
}  // namespace

const casework::CaseType& ZeroEmploymentType() {
  using casework::Who;
  static const casework::CaseType kType{
      .kind = kZeroEmploymentKind,
      .module = "industry",
      .label_zh = "零就业家庭帮扶",
      .label_en = "Zero-employment household follow-up",
      .initial_state = kZeOpen,
      .manual_open = false,  // opened by the sweep (anju jobs sweep, daily)
      // Clearing checks the reason's rule (refusals, months of failed contacts).
      .own_route = "/api/v1/zero-employment/cases/{id}/clear",
      .states =
          {
              {.name = kZeOpen, .label_zh = "待跟进", .label_en = "Open", .deadline_working_days = 22,
               .deadline_source = kClock, .deadline_source_zh = kClockZh},
              {.name = kZeFollowingUp, .label_zh = "跟进中", .label_en = "Following up",
               .deadline_working_days = 22, .deadline_source = kClock, .deadline_source_zh = kClockZh},
              {.name = kZeCleared, .label_zh = "已清零", .label_en = "Cleared", .terminal = true},
          },
      .transitions =
          {
              {.name = "start", .from = kZeOpen, .to = kZeFollowingUp, .label_zh = "开始跟进",
               .label_en = "Start following up", .who = Who::kSystem},
              {.name = "clear_employed", .from = kZeOpen, .to = kZeCleared, .label_zh = "已就业清零",
               .label_en = "Cleared: employed", .who = Who::kSystem},
              {.name = "clear_employed", .from = kZeFollowingUp, .to = kZeCleared, .label_zh = "已就业清零",
               .label_en = "Cleared: employed", .who = Who::kSystem},
              {.name = "clear_refused_offers", .from = kZeOpen, .to = kZeCleared, .label_zh = "拒绝推荐岗位清零",
               .label_en = "Cleared: refused offers", .who = Who::kSystem, .note_required = true},
              {.name = "clear_refused_offers", .from = kZeFollowingUp, .to = kZeCleared,
               .label_zh = "拒绝推荐岗位清零", .label_en = "Cleared: refused offers", .who = Who::kSystem,
               .note_required = true},
              {.name = "clear_lost_contact", .from = kZeOpen, .to = kZeCleared, .label_zh = "失联清零",
               .label_en = "Cleared: lost contact", .who = Who::kSystem, .note_required = true},
              {.name = "clear_lost_contact", .from = kZeFollowingUp, .to = kZeCleared, .label_zh = "失联清零",
               .label_en = "Cleared: lost contact", .who = Who::kSystem, .note_required = true},
              {.name = "clear_no_longer_able", .from = kZeOpen, .to = kZeCleared, .label_zh = "无劳动能力或意愿清零",
               .label_en = "Cleared: no longer able or willing", .who = Who::kSystem, .note_required = true},
              {.name = "clear_no_longer_able", .from = kZeFollowingUp, .to = kZeCleared,
               .label_zh = "无劳动能力或意愿清零", .label_en = "Cleared: no longer able or willing",
               .who = Who::kSystem, .note_required = true},
          },
  };
  return kType;
}

std::vector<const casework::CaseType*> ServiceCaseTypes() { return {&ZeroEmploymentType()}; }

}  // namespace anju::industry
