#include "registry/register_event.h"

#include <fmt/format.h>

#include "registry/registry.h"

namespace anju::registry {

namespace {
struct KindNames {
  RegisterEventKind kind;
  std::string_view name, zh;
};
constexpr KindNames kKinds[] = {
    {RegisterEventKind::kBirth, "birth", "出生"},
    {RegisterEventKind::kDeath, "death", "死亡"},
    {RegisterEventKind::kMovedAway, "moved_away", "迁出"},
    {RegisterEventKind::kMarriedOut, "married_out", "婚出"},
    {RegisterEventKind::kMarriedIn, "married_in", "婚入"},
    {RegisterEventKind::kMovedIn, "moved_in", "迁入"},
    {RegisterEventKind::kReturned, "returned", "返回"},
    {RegisterEventKind::kMovedBetween, "moved_between", "户间迁移"},
    {RegisterEventKind::kIdCompleted, "id_completed", "补录身份证号"},
    {RegisterEventKind::kHeadChanged, "head_changed", "变更户主"},
    {RegisterEventKind::kSplit, "split", "分户"},
    {RegisterEventKind::kMerged, "merged", "合户"},
    {RegisterEventKind::kPlacementChanged, "placement_changed", "变更安置"},
    {RegisterEventKind::kEnteredInError, "entered_in_error", "录入错误"},
    {RegisterEventKind::kHouseholdAdded, "household_added", "新增户"},
    {RegisterEventKind::kMemberAdded, "member_added", "补录成员"},
};
// Other words clerks write in an events roster's 变动类型 column.
struct Synonym {
  std::string_view text;
  RegisterEventKind kind;
};
constexpr Synonym kSynonyms[] = {
    {"出生登记", RegisterEventKind::kBirth},      {"新生儿", RegisterEventKind::kBirth},
    {"去世", RegisterEventKind::kDeath},          {"死亡注销", RegisterEventKind::kDeath},
    {"病故", RegisterEventKind::kDeath},          {"外迁", RegisterEventKind::kMovedAway},
    {"迁出户籍", RegisterEventKind::kMovedAway},  {"嫁出", RegisterEventKind::kMarriedOut},
    {"婚嫁迁出", RegisterEventKind::kMarriedOut}, {"嫁入", RegisterEventKind::kMarriedIn},
    {"娶入", RegisterEventKind::kMarriedIn},      {"婚迁入", RegisterEventKind::kMarriedIn},
    {"投靠", RegisterEventKind::kMovedIn},        {"回迁", RegisterEventKind::kReturned},
    {"返乡", RegisterEventKind::kReturned},
};
}  // namespace

std::string_view RegisterEventKindName(RegisterEventKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.name;
  return "member_added";
}

std::string_view RegisterEventKindNameZh(RegisterEventKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.zh;
  return "补录成员";
}

Result<RegisterEventKind> ParseRegisterEventKind(std::string_view text) {
  const std::string t = TrimSpace(text);
  for (const auto& n : kKinds)
    if (t == n.name || t == n.zh) return n.kind;
  for (const auto& s : kSynonyms)
    if (t == s.text) return s.kind;
  std::string zh;
  for (const auto& n : kKinds) zh += (zh.empty() ? "" : "、") + std::string(n.zh);
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.message = fmt::format("unknown kind of register event '{}'; write one of: {}", t, zh);
  e.message_zh = fmt::format("无法识别的变动类型“{}”，请填写：{}", t, zh);
  e.field = "kind";
  e.value = t;
  return std::unexpected(std::move(e));
}

bool EndsMembership(RegisterEventKind k) {
  return k == RegisterEventKind::kDeath || k == RegisterEventKind::kMovedAway ||
         k == RegisterEventKind::kMarriedOut || k == RegisterEventKind::kEnteredInError;
}

bool StartsMembership(RegisterEventKind k) {
  return k == RegisterEventKind::kBirth || k == RegisterEventKind::kMarriedIn ||
         k == RegisterEventKind::kMovedIn || k == RegisterEventKind::kReturned ||
         k == RegisterEventKind::kMemberAdded;
}

}  // namespace anju::registry
