// Recording a call attempt on a task and what its outcome does: a reached patient moves the plan
// to its next contact; no answer or busy retries on a later day up to the configured attempts
// inside the window, then the task is missed (and falls back to a letter or SMS where the
// hospital wants that); a wrong number flags the phone and the task waits for a correction; a
// death closes every plan of the patient for good; cured, refused and opted out close the plan.
#ifndef KEFU_SRC_FOLLOWUP_ATTEMPTS_HPP
#define KEFU_SRC_FOLLOWUP_ATTEMPTS_HPP

#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

Status RecordAttempt(Session& session, const v1::RecordAttemptRequest& request,
                     v1::RecordAttemptResponse* response);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_ATTEMPTS_HPP
