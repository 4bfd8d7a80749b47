// The audit trail's table, with the schema versions that made it.
#ifndef KEFU_SRC_AUDIT_SCHEMA_HPP
#define KEFU_SRC_AUDIT_SCHEMA_HPP

#include "store/schema.hpp"

namespace kefu::audit {

const store::Schema& Schema();

}  // namespace kefu::audit

#endif  // KEFU_SRC_AUDIT_SCHEMA_HPP
