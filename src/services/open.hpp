// Opening an archive with every module attached to its events: what kefu_open does.
#ifndef KEFU_SRC_SERVICES_OPEN_HPP
#define KEFU_SRC_SERVICES_OPEN_HPP

#include <memory>
#include <string_view>

#include "db/db.hpp"

namespace kefu::services {

Status OpenArchive(std::string_view path, std::unique_ptr<Db>* out);
Status OpenArchive(std::string_view path, const OpenOptions& options, std::unique_ptr<Db>* out);

}  // namespace kefu::services

#endif  // KEFU_SRC_SERVICES_OPEN_HPP
