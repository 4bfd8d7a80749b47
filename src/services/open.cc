#include "services/open.hpp"

#include "followup/due_index.hpp"
#include "followup/planner.hpp"

namespace kefu::services {

Status OpenArchive(std::string_view path, std::unique_ptr<Db>* out) {
  return OpenArchive(path, OpenOptions{}, out);
}

Status OpenArchive(std::string_view path, const OpenOptions& options, std::unique_ptr<Db>* out) {
  KEFU_RETURN_IF_ERROR(Db::Open(path, options, out));
  followup::Attach(**out);  // discharges open follow-up plans
  // The due index lives in memory: rebuild it from the store now.
  std::unique_ptr<Session> session;
  KEFU_RETURN_IF_ERROR(Session::Open(**out, "kefu", &session));
  return session->Read([&](store::Connection& c) {
    return followup::DueIndex::Of(**out).Load(c);
  });
}

}  // namespace kefu::services
