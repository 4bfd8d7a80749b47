#include "rpc/masking.hpp"

#include <map>
#include <mutex>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/util/json_util.h>

namespace kefu::rpc {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr const char* kMask = "****";

// The number of bytes of the first `n` UTF-8 characters of `text`, or npos if it has no more.
std::size_t PrefixBytes(const std::string& text, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t chars = 0; chars < n; ++chars) {
    if (i >= text.size()) return std::string::npos;
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i < text.size() ? i : std::string::npos;
}

// Whether a message of type `d` can hold a patient (or an audit entry, which can show one):
// the walk descends only into such fields.
bool CanShowPatient(const Descriptor* d, std::map<const Descriptor*, bool>* memo) {
  if (d == v1::Patient::descriptor() || d == v1::AuditEntry::descriptor()) return true;
  const auto [it, inserted] = memo->emplace(d, false);
  if (!inserted) return it->second;
  bool can = false;
  for (int i = 0; i < d->field_count() && !can; ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->type() == FieldDescriptor::TYPE_MESSAGE) can = CanShowPatient(f->message_type(), memo);
  }
  (*memo)[d] = can;
  return can;
}

// The message fields of `d` worth walking into, computed once per type.
const std::vector<const FieldDescriptor*>& FieldsToWalk(const Descriptor* d) {
  static std::mutex mutex;
  static std::map<const Descriptor*, std::vector<const FieldDescriptor*>> cache;
  static std::map<const Descriptor*, bool> memo;
  std::lock_guard<std::mutex> lock(mutex);
  const auto it = cache.find(d);
  if (it != cache.end()) return it->second;
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->type() == FieldDescriptor::TYPE_MESSAGE && CanShowPatient(f->message_type(), &memo)) {
      fields.push_back(f);
    }
  }
  return cache.emplace(d, std::move(fields)).first->second;
}

// An audit entry's patient record, rendered as JSON, masked the same way.
void MaskPatientJson(std::string* json) {
  if (json->empty()) return;
  v1::Patient patient;
  google::protobuf::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(*json, &patient, parse).ok()) {
    *json = "{}";
    return;
  }
  MaskPatient(&patient, false);
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  json->clear();
  (void)google::protobuf::util::MessageToJsonString(patient, json, print);
}

struct Walk {
  Disclosure disclosure;
  const std::string& actor;
  std::vector<std::int64_t>* shown;

  void Patient(v1::Patient* patient, bool keep_phones) const {
    if (disclosure == Disclosure::kFull) {
      shown->push_back(patient->id());
    } else {
      MaskPatient(patient, keep_phones);
    }
  }

  void Item(v1::WorklistItem* item) const {
    if (!item->has_patient()) return;
    const std::string& staff = item->task().assigned_staff();
    Patient(item->mutable_patient(),
            disclosure == Disclosure::kAssigned && (staff.empty() || staff == actor));
  }

  void Message(google::protobuf::Message* m) const {
    const Descriptor* d = m->GetDescriptor();
    if (d == v1::Patient::descriptor()) return Patient(static_cast<v1::Patient*>(m), false);
    if (d == v1::WorklistItem::descriptor()) return Item(static_cast<v1::WorklistItem*>(m));
    if (d == v1::AuditEntry::descriptor()) return Entry(static_cast<v1::AuditEntry*>(m));
    const auto* reflection = m->GetReflection();
    for (const FieldDescriptor* f : FieldsToWalk(d)) {
      if (f->is_repeated()) {
        const int n = reflection->FieldSize(*m, f);
        for (int i = 0; i < n; ++i) Message(reflection->MutableRepeatedMessage(m, f, i));
      } else if (reflection->HasField(*m, f)) {
        Message(reflection->MutableMessage(m, f));
      }
    }
  }

  void Entry(v1::AuditEntry* entry) const {
    if (disclosure == Disclosure::kFull || entry->record_type() != "patient") return;
    MaskPatientJson(entry->mutable_before_json());
    MaskPatientJson(entry->mutable_after_json());
  }
};

}  // namespace

Disclosure DisclosureFor(const access::Grants& grants) {
  if (!grants.enforced || access::Holds(grants.permissions, access::Permission::kPersonalRead)) {
    return Disclosure::kFull;
  }
  if (access::Holds(grants.permissions, access::Permission::kPersonalReadAssigned)) {
    return Disclosure::kAssigned;
  }
  return Disclosure::kMasked;
}

std::string MaskNumber(const std::string& number) {
  if (number.empty()) return number;
  if (number.size() >= 8) {
    return number.substr(0, 3) + std::string(number.size() - 7, '*') +
           number.substr(number.size() - 4);
  }
  const std::size_t keep = number.size() > 2 ? 2 : 0;
  return std::string(number.size() - keep, '*') + number.substr(number.size() - keep);
}

std::string MaskAddress(const std::string& address) {
  if (address.empty()) return address;
  const std::size_t prefix = PrefixBytes(address, 6);
  return prefix == std::string::npos ? kMask : address.substr(0, prefix) + kMask;
}

void MaskPatient(v1::Patient* patient, bool keep_phones) {
  if (!keep_phones) {
    for (v1::Phone& phone : *patient->mutable_phones())
      phone.set_number(MaskNumber(phone.number()));
    for (v1::FamilyMember& member : *patient->mutable_family()) {
      member.set_phone(MaskNumber(member.phone()));
    }
  }
  patient->set_id_number(MaskNumber(patient->id_number()));
  patient->set_address(MaskAddress(patient->address()));
}

void MaskResponse(Disclosure disclosure, const std::string& actor, Message* response,
                  std::vector<std::int64_t>* shown) {
  Walk{disclosure, actor, shown}.Message(response);
}

}  // namespace kefu::rpc
