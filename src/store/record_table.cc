#include "store/record_table.hpp"

namespace kefu::store {

Status RecordTable::Missing(std::int64_t id) const {
  return Status::NotFound(std::string(noun_) + " id " + std::to_string(id) + " does not exist");
}

Status RecordTable::Undecodable(std::int64_t id) const {
  return Status(Code::kCorrupt, std::string(noun_) + " id " + std::to_string(id) +
                                    " is stored in a form that does not decode");
}

}  // namespace kefu::store
