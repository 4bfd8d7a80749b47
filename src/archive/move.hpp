// Moving a patient's records to another patient (a merge): one template for every table that
// holds records by patient — the archive's (encounters, contacts, notes) and follow-up's (plans,
// tasks, escalations, appointments).
#ifndef KEFU_SRC_ARCHIVE_MOVE_HPP
#define KEFU_SRC_ARCHIVE_MOVE_HPP

#include <cstdint>
#include <string>

#include "audit/audit.hpp"
#include "session/session.hpp"
#include "messages/v1.hpp"
#include "store/record_table.hpp"
#include "store/sqlite.hpp"

namespace kefu::archive {

// Rewrites every record of `table` that belongs to patient `from` to belong to patient `to` (its
// column, the record's own patient_id and, where it has one, patient_mrn), each with its audit
// entry ("<type>.move"), so that every stored record is the one its latest entry shows.
template <class Record>
Status MovePatientRecords(Session& session, store::Connection& c, const store::RecordTable& table,
                          std::int64_t from, const v1::Patient& to, int* moved) {
  const char* type = table.noun();
  store::Statement select;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      std::string("SELECT id, record FROM ") + table.name() + " WHERE patient_id = ?", &select));
  select.Bind(1, from);
  store::Statement update;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      std::string("UPDATE ") + table.name() + " SET patient_id = ?, record = ? WHERE id = ?",
      &update));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(select.Step(&row));
    if (!row) return Status::Ok();
    Record record;
    KEFU_RETURN_IF_ERROR(table.Decode(select, &record));
    const Record before = record;
    record.set_patient_id(to.id());
    if constexpr (requires { record.set_patient_mrn(to.mrn()); }) record.set_patient_mrn(to.mrn());
    update.Reset();
    KEFU_RETURN_IF_ERROR(update.Bind(1, to.id())
                             .BindBlob(2, record.SerializeAsString())
                             .Bind(3, select.Int(0))
                             .Run());
    KEFU_RETURN_IF_ERROR(
        audit::AppendAudit(session, c,
                           audit::AuditRecord{std::string(type) + ".move", type, select.Int(0),
                                              to.id(), &before, &record}));
    ++*moved;
  }
}

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_MOVE_HPP
