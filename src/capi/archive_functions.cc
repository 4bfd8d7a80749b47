// Archives, sessions and calls through the C ABI: handles around kefu::Db and kefu::Session,
// and library-owned buffers for responses.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "capi/boundary.hpp"
#include "session/session.hpp"
#include "rpc/dispatcher.hpp"
#include "messages/unknown_fields.hpp"
#include "messages/v1.hpp"
#include "rpc/open.hpp"

struct kefu_db {
  std::unique_ptr<kefu::Db> db;
};

struct kefu_session {
  std::unique_ptr<kefu::Session> session;
};

using kefu::Status;
using kefu::capi::Guard;
using kefu::capi::NullArgument;
using kefu::capi::Report;

namespace {

// Copies bytes into a malloc'd buffer that kefu_buffer_free releases; one extra NUL byte so that
// JSON responses are C strings (and data is never NULL on success).
Status Hand(const std::string& bytes, kefu_buffer* out) {
  auto* data = static_cast<uint8_t*>(std::malloc(bytes.size() + 1));
  if (data == nullptr)
    return Status::Internal("out of memory for a response of " + std::to_string(bytes.size()) +
                            " bytes");
  if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
  data[bytes.size()] = 0;
  out->data = data;
  out->size = bytes.size();
  return Status::Ok();
}

// kefu.v1.OpenOptions, checked field by field.
Status OptionsFromBytes(const void* bytes, size_t size, kefu::OpenOptions* out) {
  if (bytes == nullptr && size > 0) return Status::InvalidArgument("options is NULL");
  if (size > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument("options_size is " + std::to_string(size) + ": too large");
  }
  kefu::v1::OpenOptions options;
  if (size > 0 && !options.ParseFromArray(bytes, static_cast<int>(size))) {
    return Status::InvalidArgument("options (" + std::to_string(size) +
                                   " bytes) do not decode as kefu.v1.OpenOptions");
  }
  KEFU_RETURN_IF_ERROR(kefu::messages::RejectUnknownFields(options, "options"));
  switch (options.durability()) {
    case kefu::v1::DURABILITY_UNSPECIFIED:
    case kefu::v1::DURABILITY_FULL:
      out->durability = kefu::Durability::kFull;
      break;
    case kefu::v1::DURABILITY_NORMAL:
      out->durability = kefu::Durability::kNormal;
      break;
    default:
      return Status::InvalidArgument("durability is " + std::to_string(options.durability()) +
                                     ": not a kefu.v1.Durability (FULL 1, NORMAL 2)");
  }
  out->must_exist = options.must_exist();
  if (options.has_simulated_clock()) out->simulated_now_ms = options.simulated_clock().now_ms();
  out->admin = options.admin();
  return Status::Ok();
}

}  // namespace

extern "C" {

kefu_status kefu_open(const char* path, kefu_db** out) {
  return kefu_open_with_options(path, nullptr, 0, out);
}

kefu_status kefu_open_with_options(const char* path, const void* options, size_t options_size,
                                   kefu_db** out) {
  return Guard([&]() -> kefu_status {
    if (path == nullptr) return NullArgument("path");
    if (out == nullptr) return NullArgument("out");
    kefu::OpenOptions parsed;
    if (auto s = OptionsFromBytes(options, options_size, &parsed); !s.ok()) return Report(s);
    std::unique_ptr<kefu::Db> db;
    if (auto s = kefu::rpc::OpenArchive(path, parsed, &db); !s.ok()) return Report(s);
    *out = new kefu_db{std::move(db)};
    return KEFU_OK;
  });
}

void kefu_close(kefu_db* db) { delete db; }

kefu_status kefu_session_open(kefu_db* db, const char* actor, kefu_session** out) {
  return Guard([&]() -> kefu_status {
    if (db == nullptr) return NullArgument("db");
    if (actor == nullptr) return NullArgument("actor");
    if (out == nullptr) return NullArgument("out");
    std::unique_ptr<kefu::Session> session;
    if (auto s = kefu::Session::Open(*db->db, actor, &session); !s.ok()) return Report(s);
    *out = new kefu_session{std::move(session)};
    return KEFU_OK;
  });
}

void kefu_session_close(kefu_session* s) { delete s; }

kefu_status kefu_call(kefu_session* s, const char* method, const void* request, size_t request_size,
                      kefu_buffer* response) {
  if (response != nullptr) *response = kefu_buffer{nullptr, 0};
  return Guard([&]() -> Status {
    if (s == nullptr) return Status::InvalidArgument("s is NULL");
    if (method == nullptr) return Status::InvalidArgument("method is NULL");
    if (request == nullptr && request_size != 0) {
      return Status::InvalidArgument("request is NULL but request_size is " +
                                     std::to_string(request_size));
    }
    if (response == nullptr) return Status::InvalidArgument("response is NULL");
    std::string bytes;
    KEFU_RETURN_IF_ERROR(kefu::rpc::Dispatcher::Get().CallBinary(*s->session, method, request,
                                                                 request_size, &bytes));
    return Hand(bytes, response);
  });
}

kefu_status kefu_call_json(kefu_session* s, const char* method, const char* request_json,
                           kefu_buffer* response_json) {
  if (response_json != nullptr) *response_json = kefu_buffer{nullptr, 0};
  return Guard([&]() -> Status {
    if (s == nullptr) return Status::InvalidArgument("s is NULL");
    if (method == nullptr) return Status::InvalidArgument("method is NULL");
    if (request_json == nullptr) return Status::InvalidArgument("request_json is NULL");
    if (response_json == nullptr) return Status::InvalidArgument("response_json is NULL");
    std::string json;
    KEFU_RETURN_IF_ERROR(
        kefu::rpc::Dispatcher::Get().CallJson(*s->session, method, request_json, &json));
    return Hand(json, response_json);
  });
}

void kefu_buffer_free(kefu_buffer* b) {
  if (b == nullptr) return;
  std::free(b->data);
  b->data = nullptr;
  b->size = 0;
}

}  // extern "C"
