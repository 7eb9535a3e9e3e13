#include "casework/settings.h"

#include <algorithm>
#include <charconv>

namespace anju::casework {
namespace {

constexpr std::string_view kLocalRule =
    "county default; the county admin may change it citing its own document";
constexpr std::string_view kLocalRuleZh = "县级默认值，可由县管理员按本县文件修改";

std::vector<SettingSpec> FixedSettings() {
  std::vector<SettingSpec> v;
  v.push_back({.key = "attachments.max_bytes",
               .type = SettingType::kInteger,
               .default_value = "10485760",
               .unit = "bytes",
               .source = "docs/casework.md: 10 MiB, a phone photo or a scanned page; " +
                         std::string(kLocalRule),
               .source_zh = "docs/casework.md：10 MiB，容得下一张手机照片或一页扫描件；" +
                            std::string(kLocalRuleZh),
               .label_zh = "附件最大字节数",
               .label_en = "Largest attachment (bytes)",
               .min = 1024,
               .max = 100LL * 1024 * 1024});
  v.push_back({.key = "attachments.types",
               .type = SettingType::kList,
               .default_value = "image/jpeg,image/png,image/webp,application/pdf",
               .unit = "mime_types",
               .source = "docs/casework.md: photos and scanned PDFs; " + std::string(kLocalRule),
               .source_zh = "docs/casework.md：照片和扫描的 PDF 文件；" + std::string(kLocalRuleZh),
               .label_zh = "允许的附件类型",
               .label_en = "Accepted attachment types",
               .allowed = {"image/jpeg", "image/png", "image/webp", "application/pdf"}});
  v.push_back({.key = "escalation.levels",
               .type = SettingType::kList,
               .default_value = "grid,site,township,county",
               .unit = "levels",
               .source = "docs/casework.md: grid, site, township, county, one level at a time; " +
                         std::string(kLocalRule),
               .source_zh = "docs/casework.md：网格→安置点→乡镇→县 逐级督办；" +
                            std::string(kLocalRuleZh),
               .label_zh = "逾期逐级上报的层级（由低到高）",
               .label_en = "Escalation levels (lowest first)",
               .allowed = {"grid", "site", "township", "county"}});
  v.push_back({.key = "inbox.deadline_near_days",
               .type = SettingType::kInteger,
               .default_value = "2",
               .unit = "working_days",
               .source = "docs/casework.md: reminder before a deadline; " + std::string(kLocalRule),
               .source_zh = "docs/casework.md：临期提醒；" + std::string(kLocalRuleZh),
               .label_zh = "临期提醒提前工作日数",
               .label_en = "Working days before a deadline counted as near",
               .min = 0,
               .max = 30});
  return v;
}

bool ParseInt(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// A unit's name in Chinese for messages ("working_days" → "工作日").
std::string UnitZh(std::string_view unit) {
  if (unit == "working_days") return "工作日";
  if (unit == "bytes") return "字节";
  if (unit == "days") return "天";
  return std::string(unit);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    // A comma or a full-width comma (3 bytes in UTF-8).
    size_t ascii = s.find(',', start), wide = s.find("，", start);
    size_t comma = std::min(ascii, wide);
    std::string_view item = Trim(s.substr(start, comma == std::string_view::npos ? s.npos
                                                                                 : comma - start));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + (comma == wide ? 3 : 1);
  }
  return out;
}

}  // namespace

std::string DeadlineKey(std::string_view kind, std::string_view state) {
  return "deadline." + std::string(kind) + "." + std::string(state);
}

namespace {
std::vector<SettingSpec>& ModuleSettings() {
  static std::vector<SettingSpec> specs;
  return specs;
}
}  // namespace

void SetModuleSettings(std::vector<SettingSpec> specs) { ModuleSettings() = std::move(specs); }

std::vector<SettingSpec> DeclaredSettings() {
  std::vector<SettingSpec> v = FixedSettings();
  for (const SettingSpec& s : ModuleSettings()) v.push_back(s);
  for (const CaseType* t : AllCaseTypes()) {
    for (const StateSpec& s : t->states) {
      if (s.terminal || s.deadline_working_days <= 0) continue;
      v.push_back({.key = DeadlineKey(t->kind, s.name),
                   .type = SettingType::kInteger,
                   .default_value = std::to_string(s.deadline_working_days),
                   .unit = "working_days",
                   .source = std::string(s.deadline_source),
                   .source_zh = std::string(s.deadline_source_zh.empty() ? s.deadline_source
                                                                         : s.deadline_source_zh),
                   .label_zh = std::string(t->label_zh) + "·" + std::string(s.label_zh) + " 时限",
                   .label_en = std::string(t->label_en) + " · " + std::string(s.label_en) +
                               " deadline",
                   .min = 1,
                   .max = 365});
    }
  }
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return v;
}

std::optional<SettingSpec> FindSetting(std::string_view key) {
  for (auto& s : DeclaredSettings())
    if (s.key == key) return s;
  return std::nullopt;
}

Result<std::string> ValidateSetting(std::string_view key, std::string_view value) {
  auto spec = FindSetting(key);
  if (!spec)
    return NotFound("no such setting; GET /api/v1/settings lists them", "key", std::string(key),
                    "没有这个设置项；GET /api/v1/settings 列出全部设置");
  if (spec->type == SettingType::kInteger) {
    int64_t n = 0;
    std::string_view t = Trim(value);
    if (!ParseInt(t, n) || n < spec->min || n > spec->max)
      return InvalidArgument("must be a whole number from " + std::to_string(spec->min) + " to " +
                                 std::to_string(spec->max) + " (" + spec->unit + ")",
                             "value", std::string(value),
                             "应为 " + std::to_string(spec->min) + " 到 " +
                                 std::to_string(spec->max) + " 之间的整数（" + UnitZh(spec->unit) + "）");
    return std::to_string(n);
  }
  auto items = SplitList(value);
  std::string joined;
  auto allowed = [&] {
    std::string s;
    for (const auto& a : spec->allowed) s += (s.empty() ? "" : ", ") + a;
    return s;
  };
  if (items.empty())
    return InvalidArgument("must list at least one item, separated by commas: " + allowed(),
                           "value", std::string(value), "至少填写一项，用逗号分隔：" + allowed());
  for (size_t i = 0; i < items.size(); ++i) {
    if (!spec->allowed.empty() &&
        std::find(spec->allowed.begin(), spec->allowed.end(), items[i]) == spec->allowed.end())
      return InvalidArgument("'" + items[i] + "' is not accepted; choose from " + allowed(),
                             "value", std::string(value),
                             "“" + items[i] + "”不可用；可选：" + allowed());
    if (std::find(items.begin(), items.begin() + static_cast<long>(i), items[i]) !=
        items.begin() + static_cast<long>(i))
      return InvalidArgument("'" + items[i] + "' is listed twice", "value", std::string(value),
                             "“" + items[i] + "”重复");
    joined += (i ? "," : "") + items[i];
  }
  if (spec->key == "escalation.levels") {
    // Lowest first: the order of the scope hierarchy.
    const std::vector<std::string> order{"grid", "site", "township", "county"};
    auto rank = [&](const std::string& s) { return std::find(order.begin(), order.end(), s); };
    for (size_t i = 1; i < items.size(); ++i)
      if (rank(items[i]) < rank(items[i - 1]))
        return InvalidArgument("levels must go upwards: grid, site, township, county", "value",
                               std::string(value), "层级应由低到高：grid, site, township, county");
  }
  return joined;
}

Settings::Settings(std::map<std::string, SettingOverride, std::less<>> overrides)
    : overrides_(std::move(overrides)) {}

std::optional<std::string> Settings::Value(std::string_view key) const {
  auto spec = FindSetting(key);
  if (!spec) return std::nullopt;
  if (auto it = overrides_.find(key); it != overrides_.end())
    if (auto v = ValidateSetting(key, it->second.value)) return *v;
  return spec->default_value;
}

Result<int64_t> Settings::Integer(std::string_view key) const {
  auto spec = FindSetting(key);
  if (!spec || spec->type != SettingType::kInteger)
    return Internal("setting " + std::string(key) + " is not a declared integer");
  int64_t n = 0;
  ParseInt(*Value(key), n);
  return n;
}

Result<std::vector<std::string>> Settings::List(std::string_view key) const {
  auto spec = FindSetting(key);
  if (!spec || spec->type != SettingType::kList)
    return Internal("setting " + std::string(key) + " is not a declared list");
  return SplitList(*Value(key));
}

int Settings::DeadlineDays(std::string_view kind, std::string_view state) const {
  auto n = Integer(DeadlineKey(kind, state));
  return n ? static_cast<int>(*n) : 0;
}

std::vector<SettingValue> Settings::All() const {
  std::vector<SettingValue> out;
  for (auto& spec : DeclaredSettings()) {
    SettingValue v{.spec = spec, .value = *Value(spec.key), .override_ = std::nullopt};
    if (auto it = overrides_.find(spec.key); it != overrides_.end()) v.override_ = it->second;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace anju::casework
