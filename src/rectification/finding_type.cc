#include "rectification/finding_type.h"

namespace anju::rectification {

namespace {
// Default clocks. No national text fixes how long a township has to rectify an inspection's
// finding: feedback letters give each finding its own 整改时限 (most of them imported with the
// list); these defaults apply only when a finding has none, and each is a setting the county
// changes (deadline.finding.<state>, casework_settings).
constexpr std::string_view kLocalRule =
    "local rule, no national text: the county sets it (deadline.finding.<state>); an inspection's "
    "own time limit for rectification takes precedence";
constexpr std::string_view kLocalRuleZh =
    "本地规则，无全国统一规定：由县设定（deadline.finding.<state>）；检查反馈为问题规定的整改时限优先";
}  // namespace

const casework::CaseType& FindingType() {
  using casework::Who;
  static const casework::CaseType kType{
      .kind = kFindingKind,
      .module = "rectification",
      .label_zh = "整改问题",
      .label_en = "Finding to rectify",
      .initial_state = kOpen,
      .manual_open = false,  // opened by the rectification module (POST /api/v1/inspections/{id}/findings, import)
      // Sign-off by the county and the finding's own deadline are the module's rules.
      .own_route = "/api/v1/findings/{id}/transitions",
      .states =
          {
              {.name = kOpen, .label_zh = "待整改", .label_en = "Open", .deadline_working_days = 5,
               .deadline_source = kLocalRule, .deadline_source_zh = kLocalRuleZh},
              {.name = kRectifying, .label_zh = "整改中", .label_en = "Rectifying", .deadline_working_days = 20,
               .deadline_source = kLocalRule, .deadline_source_zh = kLocalRuleZh},
              {.name = kSubmitted, .label_zh = "已提交", .label_en = "Submitted for sign-off",
               .deadline_working_days = 5, .deadline_source = kLocalRule, .deadline_source_zh = kLocalRuleZh},
              {.name = kSignedOff, .label_zh = "已销号", .label_en = "Signed off", .terminal = true},
          },
      .transitions =
          {
              {.name = "start", .from = kOpen, .to = kRectifying, .label_zh = "开始整改", .label_en = "Start rectifying",
               .who = Who::kHolder},
              {.name = "submit", .from = kRectifying, .to = kSubmitted, .label_zh = "提交销号",
               .label_en = "Submit for sign-off", .who = Who::kHolder},
              {.name = "return", .from = kSubmitted, .to = kRectifying, .label_zh = "退回",
               .label_en = "Return for correction", .who = Who::kSupervisor, .note_required = true},
              {.name = kSignOff, .from = kSubmitted, .to = kSignedOff, .label_zh = "销号", .label_en = "Sign off",
               .who = Who::kSupervisor, .evidence_required = true},
          },
  };
  return kType;
}

std::string_view FindingStateZh(std::string_view state) {
  for (const auto& s : FindingType().states)
    if (s.name == state) return s.label_zh;
  return "";
}

std::string_view FindingStateEn(std::string_view state) {
  for (const auto& s : FindingType().states)
    if (s.name == state) return s.label_en;
  return "";
}

}  // namespace anju::rectification
