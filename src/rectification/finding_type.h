// The case type `finding` (整改问题, issue #15 item 6, docs/casework.md "rectification"): the
// workflow of one finding of an inspection, run by casework's one engine (casework::CaseService).
//
//   open 待整改 --start--> rectifying 整改中 --submit--> submitted 已提交 --sign_off--> signed_off 已销号
//                                ^                              |
//                                +---------- return 退回 --------+   (a note is required)
//
// Clocks (working days; the setting "deadline.finding.<state>" overrides each default; a
// finding with its own 整改时限 is due on that day while open or rectifying — see
// rectification_service.h): open 5, rectifying 20, submitted 5, signed_off none (terminal).
// Sign-off (销号) needs evidence (an attachment on the finding) and a supervisor: a user above
// the holder's level (the county over a township), casework::Who::kSupervisor.
//
// Thread-safety: an immutable static.
#pragma once

#include <string_view>

#include "casework/case_type.h"

namespace anju::rectification {

/// Wire names of the type, its states and transitions.
inline constexpr std::string_view kFindingKind = "finding";
inline constexpr std::string_view kOpen = "open";
inline constexpr std::string_view kRectifying = "rectifying";
inline constexpr std::string_view kSubmitted = "submitted";
inline constexpr std::string_view kSignedOff = "signed_off";
inline constexpr std::string_view kSignOff = "sign_off";

/// The declaration (listed in the module's descriptor, module.cc).
const casework::CaseType& FindingType();

/// The Chinese/English label of `state` of a finding ("" when unknown): 待整改 / Open …
std::string_view FindingStateZh(std::string_view state);
std::string_view FindingStateEn(std::string_view state);

}  // namespace anju::rectification
