#include "services/open.hpp"

#include "followup/planner.hpp"

namespace kefu::services {

Status OpenArchive(std::string_view path, std::unique_ptr<Db>* out) {
  KEFU_RETURN_IF_ERROR(Db::Open(path, out));
  followup::Attach(**out);  // discharges open follow-up plans
  return Status::Ok();
}

}  // namespace kefu::services
