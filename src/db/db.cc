#include "db/db.hpp"

#include "common/utf8.hpp"

namespace kefu {

Status Db::Open(std::string_view path, std::unique_ptr<Db>* out) {
  if (path.empty()) return Status::InvalidArgument("path is empty: give a file path or \":memory:\"");
  if (path.find('\0') != std::string_view::npos || !IsValidUtf8(path)) {
    return Status::InvalidArgument("path is " + Quote(path) + ": not a UTF-8 file path");
  }
  out->reset(new Db(std::string(path)));
  return Status::Ok();
}

Status Session::Open(Db& db, std::string_view actor, std::unique_ptr<Session>* out) {
  if (actor.empty()) return Status::InvalidArgument("actor is empty: name who acts (a staff id)");
  if (actor.size() > kMaxActorBytes) {
    return Status::InvalidArgument("actor is " + Quote(actor) + " (" +
                                   std::to_string(actor.size()) + " bytes): at most 128 bytes");
  }
  if (!IsValidUtf8(actor)) return Status::InvalidArgument("actor is " + Quote(actor) + ": not UTF-8");
  for (const char c : actor) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return Status::InvalidArgument("actor is " + Quote(actor) + ": holds a control character");
    }
  }
  out->reset(new Session(db, std::string(actor)));
  return Status::Ok();
}

}  // namespace kefu
