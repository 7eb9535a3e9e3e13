#include "casework/service_request.h"

namespace anju::casework {

namespace {
constexpr std::string_view kCountyDefault =
    "county default: no higher-level time limit found; the county admin may change it citing "
    "its own document";
constexpr std::string_view kCountyDefaultZh =
    "县级默认值（未见上级统一时限），县管理员可按本县文件修改";
}  // namespace

const CaseType& ServiceRequestType() {
  static const CaseType kType{
      .kind = "service_request",
      .module = "casework",
      .label_zh = "群众诉求",
      .label_en = "Service request",
      .initial_state = "open",
      .manual_open = true,
      .states =
          {
              {"open", "待受理", "Open", 3, kCountyDefault, false, kCountyDefaultZh},
              {"accepted", "办理中", "In progress", 10, kCountyDefault, false, kCountyDefaultZh},
              {"resolved", "已办结待确认", "Resolved, to confirm", 5, kCountyDefault, false, kCountyDefaultZh},
              {"closed", "已关闭", "Closed", 0, "", true},
          },
      .transitions =
          {
              {"accept", "open", "accepted", "受理", "Accept", Who::kHolder, false, false},
              {"withdraw", "open", "closed", "撤回", "Withdraw", Who::kOpener, true, false},
              {"resolve", "accepted", "resolved", "办结", "Resolve", Who::kHolder, true, false},
              {"close", "resolved", "closed", "确认关闭", "Close", Who::kOpener, false, false},
              {"return", "resolved", "accepted", "退回", "Return", Who::kOpener, true, false},
          },
  };
  return kType;
}

}  // namespace anju::casework
