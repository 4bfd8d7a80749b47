#include "store/writer_queue.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <thread>

namespace kefu::store {

// The mapped file's first page. Zeroes are a valid empty queue, so a file just created (or grown
// by ftruncate) needs no initialisation beyond its magic number.
struct WriterQueue::Shared {
  alignas(8) std::uint64_t magic;
  alignas(8) std::uint64_t next;     // the next ticket to hand out
  alignas(8) std::uint64_t serving;  // the ticket whose turn it is
};

namespace {

constexpr std::uint64_t kMagic = 0x316575657571666bull;  // "kfqueue1", little-endian
constexpr std::size_t kFileSize = 4096;
// Locks are open-file-description locks (one per connection, so threads of one process exclude
// each other too, and the kernel drops them when the process dies). Every user holds a shared
// lock on byte 0; a ticket's holder holds an exclusive lock on its slot's byte, past the end of
// the file (locks need no data under them).
constexpr off_t kUsersByte = 0;
constexpr off_t kSlotBase = 1 << 20;
constexpr std::uint64_t kSlots = 1 << 16;
// A ticket being served whose holder's lock is gone for this long is skipped: its process died or
// gave up waiting. (Taking a ticket and locking its slot are two steps; the pause covers them.)
constexpr auto kStall = std::chrono::milliseconds(5);

using Word = std::atomic_ref<std::uint64_t>;
static_assert(Word::is_always_lock_free, "the queue needs lock-free 64-bit atomics");

off_t SlotOf(std::uint64_t ticket) { return kSlotBase + static_cast<off_t>(ticket % kSlots); }

bool Lock(int fd, short type, off_t offset) {
  struct flock lock = {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = offset;
  lock.l_len = 1;
  return fcntl(fd, F_OFD_SETLK, &lock) == 0;
}

// Opens `path`, shares its users' lock and maps it; -1 when it must be tried again (its last user
// removed it as it was opened) and -2 when it cannot be used.
int OpenMapped(const std::string& path, bool create, mode_t mode, void** map) {
  const int fd = open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), mode);
  if (fd < 0) return -2;
  struct stat st = {};
  // A user leaving takes the users' lock exclusively for a moment, to see whether it is the last.
  if (!Lock(fd, F_RDLCK, kUsersByte) || fstat(fd, &st) != 0 || st.st_nlink == 0) {
    close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode) ||
      (st.st_size < static_cast<off_t>(kFileSize) && ftruncate(fd, kFileSize) != 0)) {
    close(fd);
    return -2;
  }
  *map = mmap(nullptr, kFileSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (*map == MAP_FAILED) {
    close(fd);
    return -2;
  }
  return fd;
}

}  // namespace

std::unique_ptr<WriterQueue> WriterQueue::Open(const std::string& archive_path, bool create) {
  struct stat archive = {};
  if (stat(archive_path.c_str(), &archive) != 0) return nullptr;
  const std::string path = archive_path + "-queue";
  // Readable and writable by whoever may write the archive.
  const mode_t mode = archive.st_mode & 0666;
  for (int attempt = 0; attempt < 100; ++attempt) {
    void* map = nullptr;
    const int fd = OpenMapped(path, create, mode, &map);
    if (fd == -2) return nullptr;
    if (fd == -1) {
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      continue;
    }
    auto* shared = static_cast<Shared*>(map);
    std::uint64_t magic = 0;
    if (!Word(shared->magic).compare_exchange_strong(magic, kMagic) && magic != kMagic) {
      munmap(map, kFileSize);  // not a queue of ours: order nothing
      close(fd);
      return nullptr;
    }
    return std::unique_ptr<WriterQueue>(new WriterQueue(path, fd, shared));
  }
  return nullptr;
}

WriterQueue::~WriterQueue() {
  EndTurn();
  if (slot_locked_) Release(ticket_);
  munmap(shared_, kFileSize);
  // The last user removes the file, unless it was replaced meanwhile.
  struct stat mine = {}, named = {};
  if (Lock(fd_, F_WRLCK, kUsersByte) && fstat(fd_, &mine) == 0 &&
      stat(path_.c_str(), &named) == 0 && mine.st_ino == named.st_ino &&
      mine.st_dev == named.st_dev) {
    unlink(path_.c_str());
  }
  close(fd_);
}

bool WriterQueue::Busy() const {
  return Word(shared_->next).load() != Word(shared_->serving).load();
}

std::uint64_t WriterQueue::Waiting() const {
  return Word(shared_->next).load() - Word(shared_->serving).load();
}

bool WriterQueue::TicketAlive(std::uint64_t ticket) const {
  struct flock probe = {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = SlotOf(ticket);
  probe.l_len = 1;
  if (fcntl(fd_, F_OFD_GETLK, &probe) != 0) return true;  // cannot tell: assume alive
  return probe.l_type != F_UNLCK;
}

void WriterQueue::Release(std::uint64_t ticket) {
  Lock(fd_, F_UNLCK, SlotOf(ticket));
  slot_locked_ = false;
}

bool WriterQueue::WaitForTurn(Clock::time_point deadline) {
  ticket_ = Word(shared_->next).fetch_add(1);
  slot_locked_ = Lock(fd_, F_WRLCK, SlotOf(ticket_));
  std::uint64_t seen = Word(shared_->serving).load();
  auto since = Clock::now();
  for (;;) {
    const std::uint64_t serving = Word(shared_->serving).load();
    if (serving == ticket_) {
      holding_ = true;
      return true;
    }
    // Skipped (this writer looked gone): it goes ahead unordered, as without a queue.
    if (serving > ticket_) {
      Release(ticket_);
      return true;
    }
    const auto now = Clock::now();
    if (serving != seen) {
      seen = serving;
      since = now;
    } else if (now - since >= kStall && !TicketAlive(serving)) {
      std::uint64_t expected = serving;
      Word(shared_->serving).compare_exchange_strong(expected, serving + 1);
      since = now;
      continue;
    }
    if (now >= deadline) {
      Release(ticket_);  // its turn will be skipped
      return false;
    }
    // The next in line looks often; those further back less, so that waiting costs little.
    const auto ahead = static_cast<long>(std::min<std::uint64_t>(ticket_ - serving, 20));
    std::this_thread::sleep_for(std::chrono::microseconds(50 * ahead));
  }
}

void WriterQueue::EndTurn() {
  if (!holding_) return;
  holding_ = false;
  std::uint64_t expected = ticket_;
  Word(shared_->serving).compare_exchange_strong(expected, ticket_ + 1);
  Release(ticket_);
}

}  // namespace kefu::store
