// casework's own case type: service_request (群众诉求) — a resident's request or complaint taken
// by a grid worker, site or township (open 待受理 → accepted 办理中 → resolved 已办结 → closed
// 已关闭; returned 退回 from resolved back to accepted with the reason; withdrawn from open).
#pragma once

#include "casework/case_type.h"

namespace anju::casework {

/// The service_request type (listed in casework's descriptor).
const CaseType& ServiceRequestType();

}  // namespace anju::casework
