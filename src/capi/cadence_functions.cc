// The cadence engine through the C ABI: thin conversions around kefu::Cadence.
#include <cstring>
#include <string>

#include "capi/boundary.hpp"
#include "kefu/cadence.hpp"

#include "messages/json.hpp"
#include "messages/v1.hpp"
#include "messages/unknown_fields.hpp"
#include "messages/convert.hpp"

struct kefu_cadence {
  kefu::Cadence cadence;
};

using kefu::Status;
using kefu::capi::Guard;
using kefu::capi::NullArgument;
using kefu::capi::Report;

namespace {

kefu_status Hand(kefu::Cadence&& cadence, kefu_cadence** out) {
  *out = new kefu_cadence{std::move(cadence)};
  return KEFU_OK;
}

kefu_status FromMessage(const kefu::v1::CadencePolicy& message, kefu_cadence** out) {
  kefu::Cadence cadence;
  if (auto s = kefu::messages::CadenceFromProto(message, &cadence); !s.ok()) return Report(s);
  return Hand(std::move(cadence), out);
}

}  // namespace

extern "C" {

kefu_status kefu_cadence_builtin(const char* name, kefu_cadence** out) {
  return Guard([&]() -> kefu_status {
    if (name == nullptr) return NullArgument("name");
    if (out == nullptr) return NullArgument("out");
    kefu::Cadence cadence;
    if (auto s = kefu::Cadence::Builtin(name, &cadence); !s.ok()) return Report(s);
    return Hand(std::move(cadence), out);
  });
}

kefu_status kefu_cadence_parse(const void* policy, size_t size, kefu_cadence** out) {
  return Guard([&]() -> kefu_status {
    if (policy == nullptr && size != 0) return NullArgument("policy");
    if (out == nullptr) return NullArgument("out");
    kefu::v1::CadencePolicy message;
    if (size > static_cast<size_t>(INT32_MAX) ||
        !message.ParseFromArray(policy, static_cast<int>(size))) {
      return Report(Status::InvalidArgument("policy (" + std::to_string(size) +
                                            " bytes) does not decode as a binary "
                                            "kefu.v1.CadencePolicy"));
    }
    if (auto s = kefu::messages::RejectUnknownFields(message); !s.ok()) return Report(s);
    return FromMessage(message, out);
  });
}

kefu_status kefu_cadence_parse_json(const char* json, kefu_cadence** out) {
  return Guard([&]() -> kefu_status {
    if (json == nullptr) return NullArgument("json");
    if (out == nullptr) return NullArgument("out");
    kefu::v1::CadencePolicy message;
    if (auto s = kefu::messages::ParseJson(json, "json", &message); !s.ok()) return Report(s);
    return FromMessage(message, out);
  });
}

void kefu_cadence_free(kefu_cadence* c) { delete c; }

kefu_status kefu_cadence_expand(const kefu_cadence* c, int32_t anchor, kefu_window* out,
                                size_t capacity, size_t* written) {
  return Guard([&]() -> kefu_status {
    if (c == nullptr) return NullArgument("c");
    if (written == nullptr) return NullArgument("written");
    if (out == nullptr && capacity > 0) return NullArgument("out");
    if (auto s = kefu::CheckSupportedDay(anchor, "anchor"); !s.ok()) return Report(s);
    *written = capacity == 0 ? 0 : c->cadence.Expand(anchor, out, capacity);
    return KEFU_OK;
  });
}

kefu_status kefu_cadence_next(const kefu_cadence* c, int32_t anchor, int32_t on_or_after,
                              kefu_window* out) {
  return Guard([&]() -> kefu_status {
    if (c == nullptr) return NullArgument("c");
    if (out == nullptr) return NullArgument("out");
    if (auto s = kefu::CheckSupportedDay(anchor, "anchor"); !s.ok()) return Report(s);
    if (auto s = kefu::CheckSupportedDay(on_or_after, "on_or_after"); !s.ok()) return Report(s);
    if (c->cadence.Next(anchor, on_or_after, out)) return KEFU_OK;
    return Report(Status::NotFound("the cadence has ended: no window due on or after " +
                                   kefu::FormatDay(on_or_after) + " for anchor " +
                                   kefu::FormatDay(anchor)));
  });
}

kefu_status kefu_cadence_next_batch(const kefu_cadence* c, const int32_t* anchors, size_t count,
                                    int32_t on_or_after, kefu_window* out) {
  return Guard([&]() -> kefu::Status {
    if (c == nullptr) return Status::InvalidArgument("c is NULL");
    if (count > 0 && anchors == nullptr) return Status::InvalidArgument("anchors is NULL");
    if (count > 0 && out == nullptr) return Status::InvalidArgument("out is NULL");
    KEFU_RETURN_IF_ERROR(kefu::CheckSupportedDay(on_or_after, "on_or_after"));
    return c->cadence.NextBatch(anchors, count, on_or_after, out);
  });
}

}  // extern "C"
