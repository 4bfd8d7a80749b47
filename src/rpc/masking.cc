#include "rpc/masking.hpp"

#include <map>
#include <mutex>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/json_util.h>

#include "rpc/wire_mask.hpp"

namespace kefu::rpc {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

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

  void Entry(v1::AuditEntry* entry) const {
    if (disclosure == Disclosure::kFull || entry->record_type() != "patient") return;
    MaskPatientJson(entry->mutable_before_json());
    MaskPatientJson(entry->mutable_after_json());
  }

  // False when stored bytes passed through (unknown fields) do not parse.
  bool Message(google::protobuf::Message* m) const {
    const Descriptor* d = m->GetDescriptor();
    if (d == v1::Patient::descriptor()) return Patient(static_cast<v1::Patient*>(m), false), true;
    if (d == v1::WorklistItem::descriptor()) return Item(static_cast<v1::WorklistItem*>(m)), true;
    if (d == v1::AuditEntry::descriptor()) return Entry(static_cast<v1::AuditEntry*>(m)), true;
    const auto* reflection = m->GetReflection();
    bool ok = true;
    for (const FieldDescriptor* f : FieldsToWalk(d)) {
      if (f->is_repeated()) {
        const int n = reflection->FieldSize(*m, f);
        for (int i = 0; i < n; ++i) ok = Message(reflection->MutableRepeatedMessage(m, f, i)) && ok;
      } else if (reflection->HasField(*m, f)) {
        ok = Message(reflection->MutableMessage(m, f)) && ok;
      }
    }
    return Unknown(m, d) && ok;
  }

  // Records a handler passed through as their stored bytes, masked where they lie.
  bool Unknown(google::protobuf::Message* m, const Descriptor* d) const {
    if (m->GetReflection()->GetUnknownFields(*m).empty()) return true;
    google::protobuf::UnknownFieldSet* unknown = m->GetReflection()->MutableUnknownFields(m);
    const WireMask mask{disclosure == Disclosure::kFull, disclosure == Disclosure::kAssigned, actor,
                        shown};
    bool ok = true;
    for (int i = 0; i < unknown->field_count(); ++i) {
      google::protobuf::UnknownField* field = unknown->mutable_field(i);
      const FieldDescriptor* f = d->FindFieldByNumber(field->number());
      if (field->type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED || f == nullptr ||
          f->type() != FieldDescriptor::TYPE_MESSAGE) {
        continue;
      }
      std::string* bytes = field->mutable_length_delimited();
      ok = mask.Message(bytes->data(), bytes->size(), f->message_type()) && ok;
    }
    return ok;
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
  std::string masked = number;
  MaskNumberInPlace(masked.data(), masked.size());
  return masked;
}

std::string MaskAddress(const std::string& address) {
  std::string masked = address;
  MaskAddressInPlace(masked.data(), masked.size());
  return masked;
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

bool MaskResponse(Disclosure disclosure, const std::string& actor, Message* response,
                  std::vector<std::int64_t>* shown) {
  return Walk{disclosure, actor, shown}.Message(response);
}

}  // namespace kefu::rpc
