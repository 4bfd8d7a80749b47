// Validation of a cadence Policy: every rule a policy must keep, each failure naming the field
// (as the proto spells it, e.g. "steps[2].offset.unit") and its value.
#ifndef KEFU_SRC_CADENCE_VALIDATE_HPP
#define KEFU_SRC_CADENCE_VALIDATE_HPP

#include "kefu/cadence.hpp"

namespace kefu::detail {

Status ValidatePolicy(const Policy& policy);

// "7 days", "3 months": an offset as people say it.
std::string DescribeOffset(const Offset& offset);

}  // namespace kefu::detail

#endif  // KEFU_SRC_CADENCE_VALIDATE_HPP
