// Skills training rules (industry/training.h).
#include "industry/training.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace anju::industry {

namespace {

Error Fault(std::string field, std::string value, std::string en, std::string zh,
            ErrorCode code = ErrorCode::kInvalidArgument) {
  Error e;
  e.code = code;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = std::move(en);
  e.message_zh = std::move(zh);
  return e;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

int DaysInclusive(Date from, Date until) { return DaysSinceEpoch(until) - DaysSinceEpoch(from) + 1; }

std::string Yuan(int64_t fen) { return fmt::format("{}.{:02}", fen / 100, fen % 100); }

}  // namespace

std::string_view CertificateKindZh(std::string_view kind) {
  if (kind == "training") return "培训合格证书";
  if (kind == "skill_level") return "职业技能等级证书";
  if (kind == "qualification") return "职业资格证书";
  if (kind == "special") return "专项职业能力证书";
  return "";
}

std::string_view CertificateLevelZh(std::string_view level) {
  if (level == "junior") return "初级(五级)";
  if (level == "intermediate") return "中级(四级)";
  if (level == "senior") return "高级(三级)";
  if (level == "technician") return "技师(二级)";
  if (level == "senior_technician") return "高级技师(一级)";
  return "";
}

std::vector<Error> CheckClass(const TrainingClass& c) {
  std::vector<Error> f;
  if (c.course_id <= 0)
    f.push_back(Fault("course_id", std::to_string(c.course_id), "choose the class's course", "请选择培训课程"));
  if (Blank(c.provider))
    f.push_back(Fault("provider", c.provider, "give the training provider (培训机构)", "请填写培训机构"));
  if (c.site_id <= 0)
    f.push_back(Fault("site_id", std::to_string(c.site_id), "choose the site where the class is held",
                      "请选择培训所在安置点"));
  if (c.until < c.from)
    f.push_back(Fault("until", FormatIsoDate(c.until),
                      fmt::format("the last day {} is before the first day {}; give the class's last day (inclusive)",
                                  FormatIsoDate(c.until), FormatIsoDate(c.from)),
                      fmt::format("结束日期 {} 早于开始日期 {}；请填写培训最后一天（含当日）", FormatIsoDate(c.until),
                                  FormatIsoDate(c.from))));
  if (c.hours <= 0)
    f.push_back(Fault("hours", std::to_string(c.hours), "give the class hours, a whole number above 0",
                      "课时应为大于 0 的整数"));
  if (c.capacity && *c.capacity <= 0)
    f.push_back(Fault("capacity", std::to_string(*c.capacity), "give the places above 0, or leave it empty",
                      "名额应大于 0，或留空"));
  if (c.name.size() > 300 || c.provider.size() > 300 || c.note.size() > 1500)
    f.push_back(Fault("name", c.name.substr(0, 30), "too long (name/provider ≤ 100, note ≤ 500 characters)",
                      "内容过长（名称/机构最多 100 字，备注最多 500 字）"));
  return f;
}

std::vector<Error> CheckEnrolment(const Enrolment& e, const TrainingClass& c, Date today) {
  std::vector<Error> f;
  const int days = DaysInclusive(c.from, c.until);
  if (e.attended_days < 0 || e.attended_days > days)
    f.push_back(Fault("attended_days", std::to_string(e.attended_days),
                      fmt::format("attended days must be 0–{} (the class runs {} to {})", days, FormatIsoDate(c.from),
                                  FormatIsoDate(c.until)),
                      fmt::format("出勤天数应为 0–{}（培训期 {} 至 {}）", days, FormatIsoDate(c.from),
                                  FormatIsoDate(c.until))));
  if (e.attended_hours < 0 || e.attended_hours > c.hours)
    f.push_back(Fault("attended_hours", std::to_string(e.attended_hours),
                      fmt::format("attended hours must be 0–{} (the class's hours)", c.hours),
                      fmt::format("出勤课时应为 0–{}（本班总课时）", c.hours)));
  if (e.completed_on && e.dropped_on)
    f.push_back(Fault("completed_on", FormatIsoDate(*e.completed_on),
                      "a dropped enrolment cannot be completed; clear dropped_on first",
                      "已退学的学员不能登记结业；请先撤销退学"));
  for (auto [field, d] : {std::pair{"completed_on", e.completed_on}, std::pair{"dropped_on", e.dropped_on}}) {
    if (!d) continue;
    if (*d < c.from || *d > today)
      f.push_back(Fault(field, FormatIsoDate(*d),
                        fmt::format("the date must lie between the class's first day {} and today {}",
                                    FormatIsoDate(c.from), FormatIsoDate(today)),
                        fmt::format("日期应在开班日 {} 与今天 {} 之间", FormatIsoDate(c.from), FormatIsoDate(today))));
  }
  if (e.dropped_on && Blank(e.drop_reason))
    f.push_back(Fault("drop_reason", e.drop_reason, "give the reason the person left the class",
                      "请填写退学原因"));
  return f;
}

std::vector<Error> CheckCertificate(const Certificate& c, Date today) {
  std::vector<Error> f;
  const bool known = std::ranges::find(kCertificateKinds, std::string_view(c.kind)) != std::end(kCertificateKinds);
  if (!known)
    f.push_back(Fault("kind", c.kind,
                      "kind must be training (培训合格证书), skill_level (职业技能等级证书), qualification "
                      "(职业资格证书) or special (专项职业能力证书)",
                      "证书类别应为培训合格证书（training）、职业技能等级证书（skill_level）、"
                      "职业资格证书（qualification）或专项职业能力证书（special）"));
  const bool leveled = c.kind == "skill_level" || c.kind == "qualification";
  const bool level_known =
      std::ranges::find(kCertificateLevels, std::string_view(c.level)) != std::end(kCertificateLevels);
  if (known && leveled && !level_known)
    f.push_back(Fault("level", c.level,
                      "a skill-level or qualification certificate needs its level: junior, intermediate, senior, "
                      "technician or senior_technician",
                      "职业技能等级证书、职业资格证书须填写等级：初级、中级、高级、技师或高级技师"));
  if (known && !leveled && !c.level.empty())
    f.push_back(Fault("level", c.level,
                      fmt::format("a {} certificate has no level; leave level empty", c.kind),
                      fmt::format("{}不分等级，请不填等级", CertificateKindZh(c.kind))));
  if (Blank(c.occupation))
    f.push_back(Fault("occupation", c.occupation, "give the occupation (职业(工种)) the certificate is for",
                      "请填写证书的职业（工种）"));
  if (c.issued_on > today)
    f.push_back(Fault("issued_on", FormatIsoDate(c.issued_on), "the issue date lies in the future",
                      "发证日期不能晚于今天"));
  if (c.subsidy_fen < 0)
    f.push_back(Fault("subsidy_fen", std::to_string(c.subsidy_fen), "the subsidy cannot be negative (fen)",
                      "补贴金额（分）不能为负数"));
  return f;
}

Status CheckSubsidyOnce(const Certificate& c, const std::vector<Certificate>& earlier) {
  if (c.subsidy_fen <= 0) return {};
  for (const Certificate& e : earlier) {
    if (e.voided_at || e.id == c.id || e.subsidy_fen <= 0) continue;
    if (e.person_id != c.person_id || e.occupation != c.occupation || e.level != c.level) continue;
    const std::string level_en = c.level.empty() ? "without level" : "level " + c.level;
    const std::string level_zh = c.level.empty() ? "不分等级" : std::string(CertificateLevelZh(c.level));
    return std::unexpected(Fault(
        "subsidy_fen", std::to_string(c.subsidy_fen),
        fmt::format("one subsidy per person, occupation and level: certificate #{} ({} {}, no. {}, issued {}) "
                    "already received {} yuan for occupation \"{}\" {}; record this certificate with subsidy 0",
                    e.id, e.kind, level_en, e.number.empty() ? "-" : e.number, FormatIsoDate(e.issued_on),
                    Yuan(e.subsidy_fen), e.occupation, level_en),
        fmt::format("同一人同一职业（工种）同一等级只能享受一次补贴：证书 #{}（{}，编号 {}，{} 发证）已就“{}”{}"
                    "领取补贴 {} 元；本证书请按补贴 0 登记",
                    e.id, CertificateKindZh(e.kind), e.number.empty() ? "无" : e.number, FormatIsoDate(e.issued_on),
                    e.occupation, level_zh, Yuan(e.subsidy_fen)),
        ErrorCode::kConflict));
  }
  return {};
}

FollowUp ComputeFollowUp(Date class_until, const std::vector<int>& months, const std::vector<FollowUpPerson>& persons,
                         Date today) {
  FollowUp out;
  for (int n : months) {
    FollowUpPoint p;
    p.months = n;
    p.due_on = AddMonths(class_until, n);
    p.due = p.due_on <= today;
    out.points.push_back(p);
  }
  for (const FollowUpPerson& fp : persons) {
    FollowUpRow row{fp.enrolment_id, fp.person_id, fp.person_name, fp.completed, fp.dropped, {}};
    for (FollowUpPoint& p : out.points) {
      if (!p.due) {
        row.employed.push_back(std::nullopt);
        continue;
      }
      const bool employed = std::ranges::any_of(
          fp.jobs, [&](const JobPeriod& j) { return j.started <= p.due_on && (!j.ended || *j.ended > p.due_on); });
      row.employed.push_back(employed);
      if (fp.completed) {
        ++p.completers;
        if (employed) ++p.employed;
      }
    }
    out.rows.push_back(std::move(row));
  }
  for (FollowUpPoint& p : out.points)
    if (p.due && p.completers > 0)
      p.rate_percent = std::round(1000.0 * static_cast<double>(p.employed) / static_cast<double>(p.completers)) / 10.0;
  return out;
}

}  // namespace anju::industry
