// Writers of one file archive take turns in the order they asked, across threads and processes.
//
// SQLite gives its write lock to whichever waiter happens to retry first after it is released, so
// a writer that commits and begins again at once can keep the archive while others wait. Once a
// writer finds the archive busy, it takes a ticket in a small shared file next to the archive
// (`<archive>-queue`, mapped into memory) and waits until its number is served; while anyone
// waits, a newcomer queues too, so the lock passes from one writer to the next in arrival order
// and a bulk import, whose batches are separate transactions, yields to the desks between them.
//
// The queue only orders; SQLite's lock still excludes. Whatever goes wrong with the queue (no
// directory to write it in, a crashed process, a file that is not ours), writers fall back to
// SQLite's lock alone, unordered but correct. A process that dies holding a ticket is noticed
// through the lock it held on the ticket's byte (the kernel releases it) and skipped.
#ifndef KEFU_SRC_STORE_WRITER_QUEUE_HPP
#define KEFU_SRC_STORE_WRITER_QUEUE_HPP

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace kefu::store {

class WriterQueue {
 public:
  using Clock = std::chrono::steady_clock;

  // The queue of the archive at `archive_path`: opened if it exists, created when `create`.
  // Null when there is none (and `create` is false) or it cannot be used.
  static std::unique_ptr<WriterQueue> Open(const std::string& archive_path, bool create);
  ~WriterQueue();
  WriterQueue(const WriterQueue&) = delete;
  WriterQueue& operator=(const WriterQueue&) = delete;

  // Someone holds a turn or waits for one: a newcomer must queue too.
  bool Busy() const;
  // Takes a ticket and waits until it is served. False when `deadline` passed first (the ticket is
  // given up and will be skipped). After true, EndTurn must follow.
  bool WaitForTurn(Clock::time_point deadline);
  // Passes the turn to the next ticket; after the transaction's COMMIT or ROLLBACK.
  void EndTurn();
  bool holding() const { return holding_; }

  // How many tickets are ahead of, or being served before, a new one: for tests.
  std::uint64_t Waiting() const;

 private:
  struct Shared;
  WriterQueue(std::string path, int fd, Shared* shared)
      : path_(std::move(path)), fd_(fd), shared_(shared) {}
  bool TicketAlive(std::uint64_t ticket) const;
  void Release(std::uint64_t ticket);

  std::string path_;
  int fd_;
  Shared* shared_;
  std::uint64_t ticket_ = 0;
  bool holding_ = false;
  bool slot_locked_ = false;
};

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_WRITER_QUEUE_HPP
