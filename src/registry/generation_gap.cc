// The generation rule (CheckGenerationGap) and the in-law warning (GenerationGapWarning),
// declared in registry/registry_service.h. In a file of their own so the importer (and its
// fuzz build, fuzz/run_fuzz.sh, which compiles single sources) can use them without the
// service.
#include <fmt/format.h>

#include "registry/registry_service.h"

namespace anju::registry {

namespace {
// `d` + `years` calendar years; 29 February becomes 1 March in a common year.
Date PlusYears(Date d, int years) {
  Date r{d.year() + std::chrono::years{years}, d.month(), d.day()};
  if (!r.ok()) r = Date{r.year(), std::chrono::month{3}, std::chrono::day{1}};
  return r;
}
}  // namespace

Status CheckGenerationGap(const Person& head, const Person& member) {
  if (member.relationship == Relationship::kChild) {
    const Date earliest = PlusYears(head.birth_date, kMinGenerationGapYears);
    if (member.birth_date < earliest)
      return InvalidArgument(
          fmt::format("a child (子女) must be born at least {} years after the head: the head was born {}, this child {} "
                      "(earliest {}); check both resident ids and the relationship (a step-child this close in age is "
                      "recorded as other)", kMinGenerationGapYears, FormatIsoDate(head.birth_date),
                      FormatIsoDate(member.birth_date), FormatIsoDate(earliest)),
          "birth_date", FormatIsoDate(member.birth_date),
          fmt::format("子女应比户主至少小{}岁：户主出生于{}，该子女出生于{}，请核对身份证号码与关系", kMinGenerationGapYears,
                      FormatIsoDate(head.birth_date), FormatIsoDate(member.birth_date)));
  } else if (member.relationship == Relationship::kParent) {
    const Date latest_head = PlusYears(member.birth_date, kMinGenerationGapYears);
    if (head.birth_date < latest_head)
      return InvalidArgument(
          fmt::format("a parent (父母) must be born at least {} years before the head: the head was born {}, this parent {} "
                      "(the head would have to be born on or after {}); check both resident ids and the relationship",
                      kMinGenerationGapYears, FormatIsoDate(head.birth_date), FormatIsoDate(member.birth_date),
                      FormatIsoDate(latest_head)),
          "birth_date", FormatIsoDate(member.birth_date),
          fmt::format("父母应比户主至少大{}岁：户主出生于{}，该父母出生于{}，请核对身份证号码与关系", kMinGenerationGapYears,
                      FormatIsoDate(head.birth_date), FormatIsoDate(member.birth_date)));
  }
  return {};
}

std::optional<DataQualityWarning> GenerationGapWarning(const Person& head, const Person& member) {
  if (member.relationship != Relationship::kSonInLaw && member.relationship != Relationship::kDaughterInLaw)
    return std::nullopt;
  const Date earliest = PlusYears(head.birth_date, kMinGenerationGapYears);
  if (!(member.birth_date < earliest)) return std::nullopt;
  const bool son = member.relationship == Relationship::kSonInLaw;
  return DataQualityWarning{
      member.id, "birth_date",
      fmt::format("the {} was born {}, less than {} years after the head ({}); check the relationship and the resident id",
                  son ? "son-in-law (女婿)" : "daughter-in-law (儿媳)", FormatIsoDate(member.birth_date),
                  kMinGenerationGapYears, FormatIsoDate(head.birth_date)),
      fmt::format("{}出生于{}，与户主（出生于{}）相差不足{}岁，请核对关系与身份证号码", son ? "女婿" : "儿媳",
                  FormatIsoDate(member.birth_date), FormatIsoDate(head.birth_date), kMinGenerationGapYears)};
}

}  // namespace anju::registry
