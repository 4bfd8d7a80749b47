#include "rpc/wire_mask.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "messages/v1.hpp"

namespace kefu::rpc {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;

// One field of a serialized message: its number, and its value (a varint's value, or where a
// length-delimited value lies).
struct WireField {
  int number = 0;
  WireFormatLite::WireType type = WireFormatLite::WIRETYPE_VARINT;
  std::uint64_t varint = 0;
  std::size_t offset = 0;
  std::size_t size = 0;
};

// Calls `visit` for each field of data[0, size); false when the bytes are not a message.
template <class Visit>
bool Fields(const char* data, std::size_t size, Visit visit) {
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const std::uint8_t*>(data),
                                            static_cast<int>(size));
  while (true) {
    const std::uint32_t tag = in.ReadTag();
    if (tag == 0) return in.CurrentPosition() == static_cast<int>(size);
    WireField f;
    f.number = static_cast<int>(WireFormatLite::GetTagFieldNumber(tag));
    f.type = WireFormatLite::GetTagWireType(tag);
    std::uint32_t length = 0;
    switch (f.type) {
      case WireFormatLite::WIRETYPE_VARINT:
        if (!in.ReadVarint64(&f.varint)) return false;
        break;
      case WireFormatLite::WIRETYPE_FIXED64:
        if (!in.Skip(8)) return false;
        break;
      case WireFormatLite::WIRETYPE_FIXED32:
        if (!in.Skip(4)) return false;
        break;
      case WireFormatLite::WIRETYPE_LENGTH_DELIMITED:
        if (!in.ReadVarint32(&length)) return false;
        f.offset = static_cast<std::size_t>(in.CurrentPosition());
        f.size = length;
        if (!in.Skip(static_cast<int>(length))) return false;
        break;
      default:
        return false;  // groups: kefu's messages have none
    }
    visit(f);
  }
}

bool IsText(const WireField& f, int number) {
  return f.number == number && f.type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
}

// Masks the numbers held in field `text_field` of each message in field `list_field`.
bool MaskNumbersIn(char* data, const WireField& list, int text_field) {
  char* inner = data + list.offset;
  return Fields(inner, list.size, [&](const WireField& f) {
    if (IsText(f, text_field)) MaskNumberInPlace(inner + f.offset, f.size);
  });
}

bool Patient(const WireMask& mask, char* data, std::size_t size, bool keep_phones) {
  bool ok = true;
  const bool parsed = Fields(data, size, [&](const WireField& f) {
    if (mask.full) {
      if (f.number == v1::Patient::kIdFieldNumber && f.type == WireFormatLite::WIRETYPE_VARINT) {
        mask.shown->push_back(static_cast<std::int64_t>(f.varint));
      }
      return;
    }
    if (IsText(f, v1::Patient::kPhonesFieldNumber) && !keep_phones) {
      ok = ok && MaskNumbersIn(data, f, v1::Phone::kNumberFieldNumber);
    } else if (IsText(f, v1::Patient::kFamilyFieldNumber) && !keep_phones) {
      ok = ok && MaskNumbersIn(data, f, v1::FamilyMember::kPhoneFieldNumber);
    } else if (IsText(f, v1::Patient::kAddressFieldNumber)) {
      MaskAddressInPlace(data + f.offset, f.size);
    } else if (IsText(f, v1::Patient::kIdNumberFieldNumber)) {
      MaskNumberInPlace(data + f.offset, f.size);
    }
  });
  return parsed && ok;
}

// The staff a serialized task is given to.
bool AssignedStaff(const char* data, std::size_t size, std::string* staff) {
  return Fields(data, size, [&](const WireField& f) {
    if (IsText(f, v1::Task::kAssignedStaffFieldNumber)) staff->assign(data + f.offset, f.size);
  });
}

bool Item(const WireMask& mask, char* data, std::size_t size) {
  std::string staff;
  bool ok = true;
  bool parsed = Fields(data, size, [&](const WireField& f) {
    if (IsText(f, v1::WorklistItem::kTaskFieldNumber)) {
      ok = ok && AssignedStaff(data + f.offset, f.size, &staff);
    }
  });
  const bool keep_phones = mask.assigned && (staff.empty() || staff == mask.actor);
  parsed = parsed && Fields(data, size, [&](const WireField& f) {
             if (IsText(f, v1::WorklistItem::kPatientFieldNumber)) {
               ok = ok && Patient(mask, data + f.offset, f.size, keep_phones);
             }
           });
  return parsed && ok;
}

// Characters of UTF-8 text: a byte that does not continue one starts one.
bool StartsCharacter(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

void MaskNumberInPlace(char* text, std::size_t size) {
  std::size_t begin = 0, end = 0;  // hidden: [begin, end)
  if (size >= 8) {
    begin = 3;
    end = size - 4;
  } else {
    end = size > 2 ? size - 2 : size;
  }
  for (std::size_t i = begin; i < end; ++i) text[i] = '*';
}

void MaskAddressInPlace(char* text, std::size_t size) {
  std::size_t keep = 0;
  int characters = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (StartsCharacter(text[i]) && ++characters == 7) {
      keep = i;
      break;
    }
  }
  for (std::size_t i = keep; i < size; ++i) text[i] = '*';
}

bool WireMask::Message(char* data, std::size_t size, const Descriptor* type) const {
  if (type == v1::Patient::descriptor()) return Patient(*this, data, size, false);
  if (type == v1::WorklistItem::descriptor()) return Item(*this, data, size);
  bool ok = true;
  const bool parsed = Fields(data, size, [&](const WireField& f) {
    const FieldDescriptor* field = type->FindFieldByNumber(f.number);
    if (field == nullptr || field->type() != FieldDescriptor::TYPE_MESSAGE ||
        f.type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      return;
    }
    ok = ok && Message(data + f.offset, f.size, field->message_type());
  });
  return parsed && ok;
}

}  // namespace kefu::rpc
