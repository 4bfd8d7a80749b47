// What an import does with a record that is already in the archive: nightly HIS exports overlap,
// so a record delivered again is compared with the stored one — the same is left alone, a
// difference updates the stored record with what the import gives, a contradiction is refused.
#ifndef KEFU_SRC_ARCHIVE_REIMPORT_HPP
#define KEFU_SRC_ARCHIVE_REIMPORT_HPP

#include <string>

#include "archive/followers.hpp"
#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::archive {

enum class Reimported { kUnchanged, kUpdated, kDischarged };

// The stored patient `stored` delivered again as `incoming` (normalized): the fields `incoming`
// sets replace the stored ones (a phone flagged as a wrong number stays flagged; the status only
// when the import gave one, and never over a recorded death), the change is audited and
// follow-up told of it. FailedPrecondition for a record merged away. `prefix` names the record
// in messages ("patients[3].").
Status ReimportPatient(Session& session, store::Connection& c, const v1::Patient& stored,
                       const v1::Patient& incoming, bool status_given, const std::string& prefix,
                       Reimported* out, const Followers& followers);

// The stored encounter with the same HIS visit id delivered again as `incoming` (normalized, its
// patient attached): an admitted stay is discharged; otherwise the same discharge day updates the
// other fields it gives, another day is refused (FailedPrecondition naming discharge_date). A
// cancelled encounter stays cancelled (kUnchanged).
Status ReimportEncounter(Session& session, store::Connection& c, const v1::Encounter& stored,
                         v1::Encounter* incoming, const std::string& prefix, Reimported* out,
                         const Followers& followers);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_REIMPORT_HPP
