// The archive's bulk operations: importing patients and encounters all or nothing, and merging
// two records of one person.
#ifndef KEFU_SRC_ARCHIVE_IMPORT_HPP
#define KEFU_SRC_ARCHIVE_IMPORT_HPP

#include "archive/followers.hpp"
#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::archive {

// Validates every record first, then writes them all in one transaction.
Status Import(Session& session, const v1::ImportRequest& request, v1::ImportResponse* response,
              const Followers& followers);

// Inside the caller's write transaction.
Status Merge(Session& session, store::Connection& c, const std::string& survivor_mrn,
             const std::string& merged_mrn, v1::MergePatientsResponse* response,
             const Followers& followers);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_IMPORT_HPP
