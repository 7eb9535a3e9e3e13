// The declaration of the case type `finding` (finding_type.h): the workflow the brief asks for,
// checked against the declaration itself (every name resolves, the rules of the four moves).
#include "rectification/finding_type.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace anju::rectification {
namespace {

const casework::TransitionSpec* Find(std::string_view name) {
  for (const auto& t : FindingType().transitions)
    if (t.name == name) return &t;
  return nullptr;
}

TEST(FindingType, EveryTransitionJoinsTwoDeclaredStates) {
  std::set<std::string_view> states;
  for (const auto& s : FindingType().states) states.insert(s.name);
  EXPECT_EQ(states, (std::set<std::string_view>{"open", "rectifying", "submitted", "signed_off"}));
  EXPECT_TRUE(states.contains(FindingType().initial_state));
  for (const auto& t : FindingType().transitions) {
    EXPECT_TRUE(states.contains(t.from)) << t.name;
    EXPECT_TRUE(states.contains(t.to)) << t.name;
  }
}

TEST(FindingType, TheFourMovesAndWhoTakesThem) {
  const auto* start = Find("start");
  const auto* submit = Find("submit");
  const auto* ret = Find("return");
  const auto* sign = Find("sign_off");
  ASSERT_TRUE(start && submit && ret && sign);
  EXPECT_EQ(std::string(start->from) + ">" + std::string(start->to), "open>rectifying");
  EXPECT_EQ(std::string(submit->from) + ">" + std::string(submit->to), "rectifying>submitted");
  EXPECT_EQ(std::string(ret->from) + ">" + std::string(ret->to), "submitted>rectifying");
  EXPECT_EQ(std::string(sign->from) + ">" + std::string(sign->to), "submitted>signed_off");
  EXPECT_TRUE(ret->note_required);
  EXPECT_FALSE(submit->note_required);
  EXPECT_TRUE(sign->evidence_required);
  EXPECT_EQ(sign->who, casework::Who::kSupervisor);
  EXPECT_EQ(ret->who, casework::Who::kSupervisor);
  EXPECT_EQ(submit->who, casework::Who::kHolder);
}

TEST(FindingType, SignedOffIsTerminalWithoutAClockOrAWayOut) {
  for (const auto& s : FindingType().states) {
    if (s.name == "signed_off") {
      EXPECT_TRUE(s.terminal);
      EXPECT_EQ(s.deadline_working_days, 0);
    } else {
      EXPECT_FALSE(s.terminal) << s.name;
      EXPECT_GT(s.deadline_working_days, 0) << s.name;
      EXPECT_FALSE(s.deadline_source.empty()) << s.name;
    }
  }
  for (const auto& t : FindingType().transitions) EXPECT_NE(t.from, "signed_off") << t.name;
  EXPECT_EQ(FindingStateZh("signed_off"), "已销号");
  EXPECT_EQ(FindingStateZh("nonsense"), "");
}

}  // namespace
}  // namespace anju::rectification
