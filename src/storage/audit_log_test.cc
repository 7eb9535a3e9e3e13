#include "storage/audit_log.h"

#include <gtest/gtest.h>

#include "storage/migrate.h"

namespace anju::storage {
namespace {

TEST(AuditLog, ChainVerifiesAndDetectsEdits) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  Actor a = SystemActor();
  for (int i = 0; i < 3; ++i) {
    auto tx = *Transaction::Begin(*db);
    ASSERT_TRUE(AppendAudit(*db, a, {"update", "person", std::to_string(i),
                                     R"({"phone":["1","2"]})", "test"}));
    ASSERT_TRUE(tx.Commit());
  }
  auto v = VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->entries, 3);
  EXPECT_EQ(v->first_bad_seq, 0);
  // Append-only: a direct UPDATE is refused by the trigger.
  EXPECT_FALSE(db->Exec("UPDATE audit_log SET changes = '{}' WHERE seq = 2"));
  // Someone with file access drops the trigger and edits entry 2: verify names it.
  ASSERT_TRUE(db->Exec("DROP TRIGGER audit_log_no_update"));
  ASSERT_TRUE(db->Exec("UPDATE audit_log SET changes = '{}' WHERE seq = 2"));
  v = VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 2);
}

TEST(AuditLog, DetectsDeletion) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(AppendAudit(*db, SystemActor(), {"create", "x", "1", "{}", ""}));
  ASSERT_TRUE(db->Exec("DROP TRIGGER audit_log_no_delete"));
  ASSERT_TRUE(db->Exec("DELETE FROM audit_log WHERE seq = 3"));
  auto v = VerifyAuditTrail(*db);
  EXPECT_EQ(v->first_bad_seq, 3);
}

}  // namespace
}  // namespace anju::storage
