// The opened archive and its sessions: a write happens entirely or not at all, what runs after a
// commit runs only after one, per-transaction state lasts one write, the actor is checked, and
// today follows the archive's zone.
#include "session/session.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "rpc/open.hpp"
#include "store/schema.hpp"

namespace kefu {
namespace {

class SessionTest : public testing::Test {
 protected:
  void SetUp() override {
    OpenOptions options;
    options.simulated_now_ms = 1795406400000;  // 2026-11-23 12:00 in China (UTC+8)
    ASSERT_TRUE(Db::Open(":memory:", options, rpc::ArchiveSchema(), &db_).ok());
    ASSERT_TRUE(Session::Open(*db_, "nurse-0042", &session_).ok());
  }
  std::int64_t Count() {
    std::int64_t n = -1;
    EXPECT_TRUE(session_
                    ->Read([&](Txn& c) {
                      return c.connection().QueryInt("SELECT count(*) FROM meta WHERE key = 'test'",
                                                     &n);
                    })
                    .ok());
    return n;
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Session> session_;
};

TEST_F(SessionTest, AFailedWriteLeavesNothingAndRunsNothingAfterIt) {
  bool ran = false;
  const Status s = session_->Write([&](Txn& c) {
    KEFU_RETURN_IF_ERROR(c.connection().Exec("INSERT INTO meta (key, value) VALUES ('test', 'x')"));
    session_->AfterCommit([&] { ran = true; });
    return Status(Code::kFailedPrecondition, "refused");
  });
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(Count(), 0);
  EXPECT_FALSE(ran);
  ASSERT_TRUE(session_
                  ->Write([&](Txn& c) {
                    session_->AfterCommit([&] { ran = true; });
                    return c.connection().Exec(
                        "INSERT INTO meta (key, value) VALUES ('test', 'x')");
                  })
                  .ok());
  EXPECT_EQ(Count(), 1);
  EXPECT_TRUE(ran);
}

struct Counter {
  int uses = 0;
};

TEST_F(SessionTest, TransactionStateLastsOneWrite) {
  for (int write = 0; write < 2; ++write) {
    ASSERT_TRUE(session_
                    ->Write([&](store::Connection&) {
                      ++session_->TransactionState<Counter>()->uses;
                      EXPECT_EQ(++session_->TransactionState<Counter>()->uses, 2)
                          << "shared within the write";
                      return Status::Ok();
                    })
                    .ok());
  }
}

TEST_F(SessionTest, ActorsAreNamedInPlainText) {
  std::unique_ptr<Session> other;
  EXPECT_EQ(Session::Open(*db_, "", &other).code(), Code::kInvalidArgument);
  EXPECT_EQ(Session::Open(*db_, "nurse\n1", &other).code(), Code::kInvalidArgument);
  EXPECT_EQ(Session::Open(*db_, std::string(129, 'a'), &other).code(), Code::kInvalidArgument);
  EXPECT_TRUE(Session::Open(*db_, "王护士", &other).ok());
}

TEST_F(SessionTest, TodayFollowsTheArchivesZone) {
  EXPECT_EQ(FormatDay(db_->Today()), "2026-11-23");
  std::int64_t previous = 0;
  // 2026-11-23 17:00 UTC is already 01:00 on the 24th in China.
  ASSERT_TRUE(db_->SetSimulatedNow(1795406400000 + 13 * 3600000, &previous).ok());
  EXPECT_EQ(FormatDay(db_->Today()), "2026-11-24");
}

}  // namespace
}  // namespace kefu
