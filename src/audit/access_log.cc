#include "audit/access_log.hpp"

#include <algorithm>

#include "base/paging.hpp"

namespace kefu::audit {

Status AppendAccessLog(Session& session, store::Connection& c, std::string_view method,
                       const std::vector<std::int64_t>& patient_ids) {
  std::vector<std::int64_t> ids = patient_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO access_log (at_ms, actor, method, patient_id) VALUES (?1, ?2, ?3, ?4)", &s));
  const std::int64_t now = session.db().NowMs();
  for (const std::int64_t id : ids) {
    s.Reset();
    s.Bind(1, now).Bind(2, session.actor()).Bind(3, method).Bind(4, id);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  return Status::Ok();
}

Status ListAccessLog(store::Connection& c, const v1::ListAccessLogRequest& request,
                     v1::ListAccessLogResponse* out) {
  int page_size = 0;
  std::int64_t after = 0;
  KEFU_RETURN_IF_ERROR(
      ParsePaging(request.page_size(), 100, request.page_token(), &page_size, &after));
  std::string sql = "SELECT seq, at_ms, actor, method, patient_id FROM access_log WHERE seq > ?1";
  if (request.patient_id() != 0) sql += " AND patient_id = ?2";
  if (!request.actor().empty()) sql += " AND actor = ?3";
  if (request.from_ms() != 0) sql += " AND at_ms >= ?4";
  if (request.to_ms() != 0) sql += " AND at_ms < ?5";
  sql += " ORDER BY seq LIMIT ?6";
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(sql, &s));
  s.Bind(1, after).Bind(2, request.patient_id()).Bind(3, request.actor());
  s.Bind(4, request.from_ms()).Bind(5, request.to_ms()).Bind(6, std::int64_t{page_size} + 1);
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    if (out->entries_size() == page_size) {
      out->set_next_page_token(PageToken(out->entries(page_size - 1).seq()));
      return Status::Ok();
    }
    v1::AccessLogEntry* entry = out->add_entries();
    entry->set_seq(s.Int(0));
    entry->set_at_ms(s.Int(1));
    entry->set_actor(s.Text(2));
    entry->set_method(s.Text(3));
    entry->set_patient_id(s.Int(4));
  }
}

}  // namespace kefu::audit
