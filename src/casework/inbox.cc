#include "casework/inbox.h"

namespace anju::casework {
namespace {
Notifier*& Slot() {
  static Notifier* notifier = nullptr;
  return notifier;
}
}  // namespace

void SetNotifier(Notifier* notifier) { Slot() = notifier; }
Notifier* InstalledNotifier() { return Slot(); }

}  // namespace anju::casework
