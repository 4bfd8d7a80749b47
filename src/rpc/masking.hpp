// Personal data in responses: phone numbers, ID numbers and addresses are masked (138****0001)
// unless the actor may see them. Applied by the dispatcher to every response, after the handler
// and before it is encoded, so that no method (and no method added later) gives them out by
// forgetting to mask; the patients shown in full are what the access log records.
#ifndef KEFU_SRC_RPC_MASKING_HPP
#define KEFU_SRC_RPC_MASKING_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "access/gate.hpp"
#include "messages/v1.hpp"

namespace kefu::rpc {

// How much of a patient's personal data a response may carry.
enum class Disclosure {
  kMasked,    // phones, ID number and address masked
  kAssigned,  // the phones of a worklist item given to the actor (or to nobody) in full
  kFull,      // everything in full: each patient shown is logged
};

Disclosure DisclosureFor(const access::Grants& grants);

// A number and an address masked as rpc/wire_mask.hpp says (a mask keeps the length it hides).
std::string MaskNumber(const std::string& number);
std::string MaskAddress(const std::string& address);
void MaskPatient(v1::Patient* patient, bool keep_phones);

// Masks every patient in `response` (and every patient record in an audit entry) as
// `disclosure` says for `actor`; appends the ids of the patients left in full to `shown`. False
// when stored bytes the handler passed through do not parse (the response must not be sent).
bool MaskResponse(Disclosure disclosure, const std::string& actor,
                  google::protobuf::Message* response, std::vector<std::int64_t>* shown);

}  // namespace kefu::rpc

#endif  // KEFU_SRC_RPC_MASKING_HPP
