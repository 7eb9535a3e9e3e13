// HTTP routes of the attachments module (issue #15 item 3, docs/api.md "Attachments"):
//   POST /api/v1/attachments?owner=&owner_id=&caption=   upload (raw body + X-Filename, or
//                                                        multipart/form-data field `file`)
//   GET  /api/v1/attachments?owner=&owner_id=            a record's files
//   GET  /api/v1/attachments?household_id=               a household's and its members' files
//   GET  /api/v1/attachments/{id}                        metadata
//   GET  /api/v1/attachments/{id}/content                the bytes, hash verified
//   POST /api/v1/attachments/{id}/withdraw {reason}      撤回
#pragma once

namespace anju::http {
class Router;
}

namespace anju::attachments {

/// Adds the routes above to `router`.
void AddRoutes(http::Router& router);

}  // namespace anju::attachments
