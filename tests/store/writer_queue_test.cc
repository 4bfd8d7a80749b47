// The writers' queue of a file archive: turns in arrival order, dead holders skipped, the file
// gone with its last user. Each WriterQueue object is one connection's (its own open file
// description), so two of them in one process exclude each other as two processes would.
#include "store/writer_queue.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kefu::store {
namespace {

using Clock = WriterQueue::Clock;

class WriterQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    archive_ = (std::filesystem::temp_directory_path() /
                ("kefu-queue-" + std::to_string(getpid()) + ".db"))
                   .string();
    std::ofstream(archive_) << "";
  }
  void TearDown() override {
    std::filesystem::remove(archive_);
    std::filesystem::remove(archive_ + "-queue");
  }
  static Clock::time_point In(int ms) { return Clock::now() + std::chrono::milliseconds(ms); }
  std::string archive_;
};

TEST_F(WriterQueueTest, IsOnlyCreatedWhenAsked) {
  EXPECT_EQ(WriterQueue::Open(archive_, /*create=*/false), nullptr);
  EXPECT_FALSE(std::filesystem::exists(archive_ + "-queue"));
  auto queue = WriterQueue::Open(archive_, /*create=*/true);
  ASSERT_NE(queue, nullptr);
  EXPECT_TRUE(std::filesystem::exists(archive_ + "-queue"));
  EXPECT_NE(WriterQueue::Open(archive_, /*create=*/false), nullptr);
}

TEST_F(WriterQueueTest, NextWriterWaitsForTheTurnToPass) {
  auto first = WriterQueue::Open(archive_, true);
  auto second = WriterQueue::Open(archive_, true);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_FALSE(second->Busy());
  ASSERT_TRUE(first->WaitForTurn(In(1000)));
  EXPECT_TRUE(first->holding());
  EXPECT_TRUE(second->Busy());
  // While the first holds its turn, the second's wait runs out and its ticket is given up...
  EXPECT_FALSE(second->WaitForTurn(In(30)));
  EXPECT_FALSE(second->holding());
  first->EndTurn();
  // ...and skipped, so the queue does not stall behind it.
  ASSERT_TRUE(second->WaitForTurn(In(5000)));
  EXPECT_TRUE(second->holding());
  second->EndTurn();
  EXPECT_FALSE(first->Busy());
}

TEST_F(WriterQueueTest, TurnsFollowArrivalOrder) {
  auto holder = WriterQueue::Open(archive_, true);
  ASSERT_NE(holder, nullptr);
  ASSERT_TRUE(holder->WaitForTurn(In(1000)));
  constexpr std::size_t kWaiters = 5;
  std::vector<std::unique_ptr<WriterQueue>> waiters;
  for (std::size_t i = 0; i < kWaiters; ++i) waiters.push_back(WriterQueue::Open(archive_, true));
  std::mutex mutex;
  std::vector<std::size_t> order;
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < kWaiters; ++i) {
    // Each waiter arrives after the one before has its ticket.
    threads.emplace_back([&, i] {
      ASSERT_TRUE(waiters[i]->WaitForTurn(In(20000)));
      {
        std::lock_guard<std::mutex> lock(mutex);
        order.push_back(i);
      }
      waiters[i]->EndTurn();
    });
    while (holder->Waiting() < i + 2) std::this_thread::yield();
  }
  holder->EndTurn();
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST_F(WriterQueueTest, TicketOfADeadProcessIsSkipped) {
  auto survivor = WriterQueue::Open(archive_, true);
  ASSERT_NE(survivor, nullptr);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto queue = WriterQueue::Open(archive_, true);
    // Takes the turn and dies holding it, as a writer killed mid-transaction does.
    _exit(queue != nullptr && queue->WaitForTurn(In(1000)) ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_TRUE(survivor->Busy());
  ASSERT_TRUE(survivor->WaitForTurn(In(10000)));
  EXPECT_TRUE(survivor->holding());
  survivor->EndTurn();
}

TEST_F(WriterQueueTest, LastUserRemovesTheFile) {
  auto first = WriterQueue::Open(archive_, true);
  auto second = WriterQueue::Open(archive_, true);
  first.reset();
  EXPECT_TRUE(std::filesystem::exists(archive_ + "-queue"));
  second.reset();
  EXPECT_FALSE(std::filesystem::exists(archive_ + "-queue"));
}

TEST_F(WriterQueueTest, AFileNotOursIsLeftAlone) {
  std::ofstream(archive_ + "-queue") << std::string(4096, 'x');
  EXPECT_EQ(WriterQueue::Open(archive_, true), nullptr);
  EXPECT_EQ(std::filesystem::file_size(archive_ + "-queue"), 4096u);
}

}  // namespace
}  // namespace kefu::store
