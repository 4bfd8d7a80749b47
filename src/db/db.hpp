// Db is an open archive; Session is one actor's use of it. The store behind the archive arrives
// with the archive module; until then a Db knows its path and serves stateless methods.
// Db is thread-safe; a Session belongs to one thread at a time.
#ifndef KEFU_SRC_DB_DB_HPP
#define KEFU_SRC_DB_DB_HPP

#include <memory>
#include <string>
#include <string_view>

#include "kefu/status.hpp"

namespace kefu {

inline constexpr std::size_t kMaxActorBytes = 128;
inline constexpr std::string_view kMemoryPath = ":memory:";

class Db {
 public:
  // Opens the archive at `path` (":memory:" for a throwaway one).
  static Status Open(std::string_view path, std::unique_ptr<Db>* out);

  const std::string& path() const { return path_; }
  bool in_memory() const { return path_ == kMemoryPath; }

 private:
  explicit Db(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

class Session {
 public:
  // InvalidArgument unless actor is 1..128 bytes of UTF-8 without control characters.
  static Status Open(Db& db, std::string_view actor, std::unique_ptr<Session>* out);

  Db& db() const { return db_; }
  const std::string& actor() const { return actor_; }

 private:
  Session(Db& db, std::string actor) : db_(db), actor_(std::move(actor)) {}
  Db& db_;
  std::string actor_;
};

}  // namespace kefu

#endif  // KEFU_SRC_DB_DB_HPP
