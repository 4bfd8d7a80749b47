// Masking personal data in serialized kefu.v1 messages, in place. The worklist passes its
// thousands of stored records to the caller as the bytes they are stored in (unknown fields of
// the response, followup/worklist.hpp); parsing them to mask them would cost more than the
// worklist itself. Every mask keeps the length of what it hides, so the bytes are overwritten
// where they lie and no framing changes.
#ifndef KEFU_SRC_RPC_WIRE_MASK_HPP
#define KEFU_SRC_RPC_WIRE_MASK_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace kefu::rpc {

// "13800000001" -> "138****0001": the first three and last four characters kept when there are
// at least eight, otherwise everything but the last two (or, up to two, everything) hidden.
void MaskNumberInPlace(char* text, std::size_t size);
// "河北省廊坊市广阳区新华路12号" -> "河北省廊坊市" and one '*' per byte of the rest: the first
// six characters (province and city) kept when there are more, otherwise every byte hidden.
void MaskAddressInPlace(char* text, std::size_t size);

// What a serialized message's patients may show.
struct WireMask {
  bool full;      // nothing masked: the patients' ids are collected
  bool assigned;  // a worklist item's phones in full when given to `actor` or to nobody
  const std::string& actor;
  std::vector<std::int64_t>* shown;

  // Masks the serialized message of type `type` in data[0, size). False when the bytes do not
  // parse (then they are left as they are: the caller refuses to send them).
  bool Message(char* data, std::size_t size, const google::protobuf::Descriptor* type) const;
};

}  // namespace kefu::rpc

#endif  // KEFU_SRC_RPC_WIRE_MASK_HPP
