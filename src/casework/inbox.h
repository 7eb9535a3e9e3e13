// The inbox (issue #15 item 5, docs/casework.md "Inbox"): in-app notifications to users (a new
// case assigned, a deadline near, overdue and escalated, returned for correction, a data call
// received), each linked to its record (entity, entity_id), read/unread. E-mail or SMS is an
// adapter (casework::Notifier) with no carrier built in.
//
// Writing notifications inside another module's transaction: casework::NotifyUsers /
// NotifyScope in casework/storage/sqlite_casework.h.
//
// Thread-safety: values; SetNotifier is called once at start (or in a test) before other
// threads run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace anju::casework {

/// Notification kinds (wire names). Other modules may use their own (e.g. a data call).
inline constexpr std::string_view kNoticeCaseAssigned = "case_assigned";
inline constexpr std::string_view kNoticeDeadlineNear = "deadline_near";
inline constexpr std::string_view kNoticeOverdueEscalated = "overdue_escalated";
inline constexpr std::string_view kNoticeReturned = "returned";
inline constexpr std::string_view kNoticeDataCallReceived = "data_call_received";
/// The opener is told its case waits for it (every step out of the new state is the opener's,
/// e.g. service_request "resolved": confirm and close, or return).
inline constexpr std::string_view kNoticeCaseResolved = "case_resolved";

/// What to tell (the same to every recipient).
struct NewNotification {
  std::string kind;      // one of the kinds above
  std::string title;     // short, shown in the list (Chinese; the record's own words)
  std::string body;      // may be empty
  std::string entity;    // the record it links to: "case", "data_call", …
  int64_t entity_id = 0;
};

/// One stored notification (a row of notifications).
struct Notification {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind, title, body, entity;
  int64_t entity_id = 0;
  std::string created_at;              // ISO-8601 UTC
  std::optional<std::string> read_at;  // ISO-8601 UTC; nullopt: unread
};

/// The adapter for delivery outside the application (e-mail, SMS). None is built in: a
/// county that has a carrier implements Send (looking up the user's address itself) and
/// installs it with SetNotifier at start. Send is called once per stored notification, right
/// after its row is written (inside the writer's transaction: a later rollback does not unsend
/// it, so an adapter should queue and deliver after a short delay). Send must not throw; its
/// failures are its own to log.
class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void Send(const Notification& n) = 0;
};

/// Installs the adapter (nullptr: none, the default). Not owned; must outlive its use.
void SetNotifier(Notifier* notifier);
/// The installed adapter or nullptr.
Notifier* InstalledNotifier();

}  // namespace anju::casework
